namespace Tarang.Server.Operations.Metrics;

/// <summary>The Prometheus scrape endpoint (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Default <see cref="Path"/>.</summary>
    public const string DefaultPath = "/metrics";

    /// <summary>Serves the scrape endpoint (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The scrape endpoint's path (default <c>/metrics</c>).</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// Client networks in CIDR notation (<c>10.0.0.0/8</c>, <c>127.0.0.1/32</c>) that may read the
    /// endpoint; others get 403. Empty (the default) lets every client read it, which suits a
    /// server reachable only inside a private network.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];
}
