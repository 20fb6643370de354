namespace Tarang.Server.Http;

/// <summary>
/// Reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers are trusted
/// (section <c>Proxies</c>), so rate limits and the audit log see the real client address.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxies";

    /// <summary>IP addresses of trusted proxies; with none, forwarded headers are ignored.</summary>
    public IList<string> KnownProxies { get; } = [];
}
