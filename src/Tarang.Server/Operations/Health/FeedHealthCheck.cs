using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;

namespace Tarang.Server.Operations.Health;

/// <summary>
/// Reports the shared feed: Healthy when it is live or idle (no one needs it), Degraded in every
/// other state. It never reports Unhealthy, so a Dhan outage does not take the server out of a
/// load balancer; market data is then stale, and the details give the reason.
/// </summary>
internal sealed class FeedHealthCheck(FeedSupervisor supervisor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = supervisor.GetStatus();
        var data = new Dictionary<string, object>
        {
            ["state"] = status.FeedState.ToString(),
            ["openConnections"] = status.OpenConnections,
            ["activeSessions"] = status.ActiveSessions,
        };
        if (status.LastDisconnect is { } disconnect)
        {
            data["lastDisconnect"] = disconnect.ToString();
        }

        var result = status.FeedState switch
        {
            FeedState.Live => HealthCheckResult.Healthy("The feed is live.", data),
            FeedState.Idle => HealthCheckResult.Healthy("The feed is idle: no session needs market data.", data),
            FeedState.CredentialRejected => HealthCheckResult.Degraded("Dhan rejected the house credentials; replace Dhan:ClientId and Dhan:AccessToken.", data: data),
            FeedState.TokenExpired => HealthCheckResult.Degraded("The Dhan access token expired; replace Dhan:AccessToken.", data: data),
            _ => HealthCheckResult.Degraded($"The feed is {status.FeedState}; market data may be stale.", data: data),
        };
        return Task.FromResult(result);
    }
}
