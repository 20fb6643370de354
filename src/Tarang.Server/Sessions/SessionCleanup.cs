using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tarang.Server.Accounts;
using Tarang.Server.Services;
using Tarang.Server.Storage;

namespace Tarang.Server.Sessions;

/// <summary>
/// Every <see cref="SessionLifetimeOptions.CleanupInterval"/>, deletes sessions that ended by expiry more
/// than <see cref="SessionLifetimeOptions.ExpiredRetention"/> ago and sessions revoked more than
/// <see cref="SessionLifetimeOptions.RevokedRetention"/> ago. Active sessions are never deleted.
/// The same pass deletes audit entries older than <see cref="AccountOptions.AuditRetention"/>.
/// </summary>
public sealed partial class SessionCleanup(
    IDbContextFactory<TarangDbContext> contexts,
    TimeProvider timeProvider,
    IOptions<SessionLifetimeOptions> options,
    IOptions<AccountOptions> accountOptions,
    AuditLog audit,
    ILogger<SessionCleanup> logger) : PeriodicJob
{
    /// <summary>Deletes the sessions the retention rules allow; returns how many were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var expiredBefore = now - options.Value.ExpiredRetention;
        var revokedBefore = now - options.Value.RevokedRetention;

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // A session is only revoked while active, so a revoked session ended by revocation and
        // only the 30-day rule applies to it, whatever its expiry.
        var deleted = await context.Sessions
            .Where(s => (s.RevokedAt == null && s.ExpiresAt < expiredBefore) || (s.RevokedAt != null && s.RevokedAt < revokedBefore))
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);

        // A pass that deleted something is a result operators see in Production; an empty one is not.
        Log.Deleted(logger, deleted > 0 ? LogLevel.Information : LogLevel.Debug, deleted);

        var auditDeleted = await audit.DeleteOlderThanAsync(now - accountOptions.Value.AuditRetention, cancellationToken).ConfigureAwait(false);
        Log.AuditDeleted(logger, auditDeleted > 0 ? LogLevel.Information : LogLevel.Debug, auditDeleted);
        return deleted;
    }

    protected override TimeProvider Clock => timeProvider;

    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => Log.PassFailed(logger, exception);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2006, Message = "Session cleanup deleted {Count} ended sessions.")]
        public static partial void Deleted(ILogger logger, LogLevel level, int count);

        [LoggerMessage(EventId = 2202, Message = "Session cleanup deleted {Count} audit entries past Accounts:AuditRetention.")]
        public static partial void AuditDeleted(ILogger logger, LogLevel level, int count);

        [LoggerMessage(2007, LogLevel.Error, "Session cleanup failed; it runs again at the next interval.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
