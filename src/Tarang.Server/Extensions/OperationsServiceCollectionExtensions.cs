using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Tarang.Server.Operations.Health;
using Tarang.Server.Operations.Metrics;

namespace Tarang.Server.Extensions;

/// <summary>Registers the readiness checks, the server's metrics and the Prometheus scrape endpoint.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Meters the exporter collects: every meter whose name starts with <c>Tarang</c> (the server's,
    /// and <c>Tarang.Hub</c> among others), ASP.NET Core's request, connection, SignalR and rate-limit
    /// meters, and the runtime's (GC heap, working set, threads).
    /// </summary>
    public static readonly string[] ExportedMeters =
    [
        "Tarang*",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Runtime",
    ];

    /// <summary>The <c>service_name</c> label of <c>target_info</c> in the scrape.</summary>
    public const string ServiceName = "tarang";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<FeedHealthCheck>("feed", failureStatus: HealthStatus.Degraded, tags: ["ready"]);

        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<TarangMetrics>();
        services.AddHostedService(provider => provider.GetRequiredService<TarangMetrics>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
            .AddMeter(ExportedMeters)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Maps the scrape endpoint (<c>Metrics:Path</c>, default <c>/metrics</c>) unless
    /// <c>Metrics:Enabled</c> is off. It needs no login, because Prometheus scrapes without one and
    /// the metrics carry counts only, never user ids or instruments; <c>Metrics:AllowedNetworks</c>
    /// restricts it to the listed client networks.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Read without validation here: invalid settings are left unmapped, and the validation at
        // start reports them together with every other invalid section.
        var options = app.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled || new MetricsOptionsValidator().Validate(null, options).Failed)
        {
            return app;
        }

        var networks = options.AllowedNetworks.Select(network => IPNetwork.Parse(network)).ToArray();
        app.MapPrometheusScrapingEndpoint(options.Path).Add(endpoint =>
        {
            if (networks.Length == 0 || endpoint.RequestDelegate is not { } scrape)
            {
                return;
            }

            endpoint.RequestDelegate = context => IsAllowed(context, networks) ? scrape(context) : RejectAsync(context);
        });
        return app;
    }

    private static bool IsAllowed(HttpContext context, IPNetwork[] networks)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return networks.Any(network => network.Contains(address));
    }

    private static Task RejectAsync(HttpContext context)
    {
        const string Detail = "This client address may not read the metrics; Metrics:AllowedNetworks lists the networks that may.";
        var problem = TypedResults.Problem(detail: Detail, statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["message"] = Detail });
        return problem.ExecuteAsync(context);
    }
}
