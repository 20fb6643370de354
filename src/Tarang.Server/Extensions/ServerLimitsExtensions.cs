using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Tarang.Server.Extensions;

/// <summary>
/// Kestrel's connection and request limits: the server's defaults here, then any value under
/// <c>Kestrel:Limits</c> in configuration (for example <c>Kestrel:Limits:MaxRequestBodySize</c>),
/// which replaces them. docs/limits.md lists every limit.
/// </summary>
public static class ServerLimitsExtensions
{
    /// <summary>Default request body limit: 1 MiB, far above any JSON body the routes accept (Kestrel's own default is about 28.6 MiB).</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Default limit of open connections, HTTP and upgraded together (Kestrel sets no limit by default).</summary>
    public const long DefaultMaxConcurrentConnections = 10_000;

    /// <summary>Default limit of upgraded connections (WebSockets) open at once (Kestrel sets no limit by default).</summary>
    public const long DefaultMaxConcurrentUpgradedConnections = 10_000;

    public const string LimitsSection = "Kestrel:Limits";

    public static WebApplicationBuilder AddServerLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(LimitsSection);
        builder.Services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = DefaultMaxRequestBodyBytes;
            options.Limits.MaxConcurrentConnections = DefaultMaxConcurrentConnections;
            options.Limits.MaxConcurrentUpgradedConnections = DefaultMaxConcurrentUpgradedConnections;
            section.Bind(options.Limits);
        });
        return builder;
    }
}
