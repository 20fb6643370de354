using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Tarang.Server.Http;

namespace Tarang.Server.Extensions;

/// <summary>Trusts forwarded headers from the proxies in <c>Proxies:KnownProxies</c> only.</summary>
public static class ProxyServiceCollectionExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        var addresses = proxies.KnownProxies.Select(proxy => IPAddress.TryParse(proxy, out var address)
            ? address
            : throw new InvalidOperationException($"Proxies:KnownProxies contains '{proxy}', which is not an IP address; list proxy addresses such as 10.0.0.5.")).ToList();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // ASP.NET Core trusts loopback proxies by default; only the configured ones count here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in addresses)
            {
                options.KnownProxies.Add(address);
            }
        });
        return services;
    }

    /// <summary>Adds the forwarded-headers middleware when proxies are configured.</summary>
    /// <remarks>With empty proxy lists the middleware would trust every sender, so it is left out then.</remarks>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxies = app.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>();
        if (proxies is { KnownProxies.Count: > 0 })
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
