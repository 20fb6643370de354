using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tarang.Market.Diagnostics;
using Tarang.Server.Storage;

namespace Tarang.Server.Operations.Health;

/// <summary>
/// Runs <c>SELECT 1</c> on the configured database within <c>Health:DatabaseTimeout</c>. A failure
/// or a timeout makes readiness fail. The reason is logged (at most once a minute) and kept out of
/// the probe's reply, because a connection error can name hosts and users.
/// </summary>
internal sealed partial class DatabaseHealthCheck(
    IDbContextFactory<TarangDbContext> contexts,
    IOptions<HealthOptions> options,
    TimeProvider clock,
    ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    private readonly RateLimitedWarning failureWarning = new(clock);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.DatabaseTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var database = await contexts.CreateDbContextAsync(deadline.Token).ConfigureAwait(false);
            database.Database.SetCommandTimeout(timeout);
            await database.Database.ExecuteSqlRawAsync("SELECT 1", deadline.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The {database.Database.ProviderName} database answered SELECT 1.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Warn(null, timeout);
            return HealthCheckResult.Unhealthy($"The database did not answer SELECT 1 within Health:DatabaseTimeout ({timeout}).");
        }
#pragma warning disable CA1031 // Any failure of the provider means the database is not usable; the probe reports it.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Warn(exception, timeout);
            return HealthCheckResult.Unhealthy($"The database query failed ({exception.GetType().Name}); the server log has the details.");
        }
    }

    private void Warn(Exception? exception, TimeSpan timeout)
    {
        if (failureWarning.ShouldWrite(out var suppressed))
        {
            Log.CheckFailed(logger, timeout, suppressed, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(5020, LogLevel.Warning, "The database health check failed or did not finish within Health:DatabaseTimeout ({Timeout}); /health/ready answers 503 until it passes. {Suppressed} more failures were not logged since the last such line (at most one a minute).")]
        public static partial void CheckFailed(ILogger logger, TimeSpan timeout, long suppressed, Exception? exception);
    }
}
