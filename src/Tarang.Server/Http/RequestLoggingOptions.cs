namespace Tarang.Server.Http;

/// <summary>Per-request logging (section <c>RequestLogging</c>); secrets are redacted either way.</summary>
public sealed class RequestLoggingOptions
{
    public const string SectionName = "RequestLogging";

    /// <summary>Logs each request's method, path, redacted query, headers, status and duration at Information level (default off).</summary>
    public bool Enabled { get; set; }
}
