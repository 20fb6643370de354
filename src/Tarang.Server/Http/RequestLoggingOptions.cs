namespace Tarang.Server.Http;

/// <summary>
/// Per-request logging (section <c>RequestLogging</c>); secrets are redacted either way. With
/// <see cref="Enabled"/> off, only server errors and slow requests are logged.
/// </summary>
public sealed class RequestLoggingOptions
{
    public const string SectionName = "RequestLogging";

    /// <summary>Default <see cref="SlowRequestThreshold"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultSlowRequestThreshold = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Logs each request's method, path, redacted query, headers, status and duration at
    /// Information level (default off; on in Development).
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>A request that takes this long or longer is logged as a warning (default 00:00:01).</summary>
    public TimeSpan SlowRequestThreshold { get; set; } = DefaultSlowRequestThreshold;
}
