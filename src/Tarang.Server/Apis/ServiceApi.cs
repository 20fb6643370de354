using System.Reflection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tarang.Dhan;
using Tarang.Market.Time;
using Tarang.Server.Operations.Health;
using Tarang.Server.Options;
using Tarang.Server.Services;

namespace Tarang.Server.Apis;

/// <summary>The service description at <c>/</c>, the health summary and the liveness and readiness probes.</summary>
public static class ServiceApi
{
    private static readonly string Version =
        typeof(ServiceApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => TypedResults.Ok(new { message = "Tarang trading platform API", status = "running", version = Version }))
            .WithSummary("Describes the service.");

        routes.MapGet("/api/health", Health)
            .WithSummary("Summarises the server's state; use /health/live and /health/ready for probes.");

        // Liveness runs no check, so a slow database never gets the process restarted; readiness
        // runs the database, reference-data and feed checks, and the feed's is at worst Degraded.
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync });
        return routes;
    }

    internal static IResult Health(
        HttpContext context,
        MarketReferenceData referenceData,
        TimeProvider timeProvider,
        [FromKeyedServices(DhanServiceCollectionExtensions.ExchangeClockKey)] TimeProvider exchangeClock,
        IOptions<MarketOptions> marketOptions,
        IHostEnvironment environment)
    {
        context.Response.Headers.CacheControl = "no-store";
        var now = timeProvider.GetUtcNow();
        var exchangeNow = exchangeClock.GetUtcNow();
        var startedAt = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        return TypedResults.Ok(new
        {
            status = referenceData.IsLoaded ? "ok" : "starting",
            timestamp = Ist.ToIst(now),
            uptimeSeconds = Math.Max(0, Math.Round((now.UtcDateTime - startedAt).TotalSeconds)),
            environment = environment.EnvironmentName,
            marketSource = marketOptions.Value.Source.ToString(),
            exchangeTime = Ist.ToIst(exchangeNow),
            marketStatus = referenceData.Calendar.GetStatus(exchangeNow).ToString(),
            instruments = referenceData.Catalog.Count,
            calendarYears = referenceData.Calendar.CoveredYears.Order().ToArray(),
        });
    }
}
