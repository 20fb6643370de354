using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tarang.Server.Services;

/// <summary>Reports ready once the instrument master and the calendar are loaded.</summary>
internal sealed class ReferenceDataHealthCheck(MarketReferenceData referenceData) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(referenceData.IsLoaded
            ? HealthCheckResult.Healthy($"{referenceData.Catalog.Count} instruments loaded.")
            : HealthCheckResult.Unhealthy("The instrument master is still loading."));
}
