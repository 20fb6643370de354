namespace Tarang.Server.Extensions;

/// <summary>
/// What browsers need: a CORS allow-list for the REST routes and the hub (section <c>Cors</c>),
/// and security headers on every response.
/// </summary>
public static class BrowserServiceCollectionExtensions
{
    public const string SectionName = "Cors";
    private const string PolicyName = "AllowedOrigins";

    /// <summary>Allows cross-origin requests, with credentials, from the origins in <c>Cors:AllowedOrigins</c> only.</summary>
    public static IServiceCollection AddBrowserAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection($"{SectionName}:AllowedOrigins").Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                throw new InvalidOperationException(
                    $"Cors:AllowedOrigins contains '{origin}', which is not an origin; list origins such as https://trade.example.com, without a path or a trailing slash.");
            }
        }

        services.AddCors(options => options.AddPolicy(PolicyName, policy => policy
            .WithOrigins(origins)
            .AllowCredentials()
            .WithMethods("GET", "POST", "PUT", "DELETE", "OPTIONS")
            .WithHeaders("Content-Type", "Authorization", "X-Requested-With", "X-SignalR-User-Agent")));
        return services;
    }

    /// <summary>Applies the allow-list and adds the security headers.</summary>
    public static WebApplication UseBrowserAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            return next(context);
        });
        app.UseCors(PolicyName);
        return app;
    }
}
