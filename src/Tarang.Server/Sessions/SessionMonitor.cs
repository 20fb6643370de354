using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tarang.Server.Services;
using Tarang.Server.Storage;

namespace Tarang.Server.Sessions;

/// <summary>
/// Every <see cref="SessionLifetimeOptions.MonitorInterval"/>, revokes sessions idle for
/// <see cref="SessionLifetimeOptions.IdleTimeout"/> and reports sessions that reached their absolute
/// expiry, so <see cref="SessionEvents.Ended"/> fires even when the client sends nothing more.
/// </summary>
public sealed partial class SessionMonitor(
    IDbContextFactory<TarangDbContext> contexts,
    SessionManager sessions,
    SessionEvents events,
    TimeProvider timeProvider,
    IOptions<SessionLifetimeOptions> options,
    ILogger<SessionMonitor> logger) : PeriodicJob
{
    // Serialises passes, because the timer and callers of RunOnceAsync may overlap and an expiry
    // must be reported once.
    private readonly SemaphoreSlim passLock = new(1, 1);

    // Expiries at or before this instant were reported already (or happened before this process started).
    private DateTime expiriesReportedUntil = timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Runs one pass: idle revocations, expiry reports, then the session cache sweep. Returns the number of sessions that ended.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await passLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ended = await RevokeIdleAsync(cancellationToken).ConfigureAwait(false);
            ended += await ReportExpiredAsync(cancellationToken).ConfigureAwait(false);
            sessions.SweepCache();
            return ended;
        }
        finally
        {
            passLock.Release();
        }
    }

    public override void Dispose()
    {
        passLock.Dispose();
        base.Dispose();
    }

    protected override TimeProvider Clock => timeProvider;

    protected override TimeSpan Interval => options.Value.MonitorInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => Log.PassFailed(logger, exception);

    private async Task<int> RevokeIdleAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var idleSince = now - options.Value.IdleTimeout;
        List<(Guid Id, DateTime LastActivityAt)> candidates;
        await using (var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            candidates = (await context.Sessions.AsNoTracking()
                .Where(s => s.RevokedAt == null && s.ExpiresAt > now && s.LastActivityAt <= idleSince)
                .Select(s => new { s.Id, s.LastActivityAt })
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false))
                .Select(s => (s.Id, s.LastActivityAt))
                .ToList();
        }

        var revoked = 0;
        foreach (var (id, stored) in candidates)
        {
            // The stored activity may lag the cache by up to one write interval; trust the newer one.
            var latest = sessions.LatestActivity(id, stored);
            if (latest > idleSince)
            {
                await sessions.WriteActivityAsync(id, new DateTimeOffset(latest, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (await sessions.RevokeAsync(id, SessionEndReason.Inactivity, cancellationToken).ConfigureAwait(false))
            {
                revoked++;
            }
        }

        return revoked;
    }

    private async Task<int> ReportExpiredAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var since = expiriesReportedUntil;
        List<Session> expired;
        await using (var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            expired = await context.Sessions.AsNoTracking()
                .Where(s => s.RevokedAt == null && s.ExpiresAt > since && s.ExpiresAt <= now)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        }

        expiriesReportedUntil = now;
        foreach (var session in expired)
        {
            sessions.RemoveFromCache(session.Id);
            Log.SessionExpired(logger, session.Id, session.UserId);
            events.RaiseEnded(new SessionEndedEventArgs(
                session.Id, session.UserId, SessionEndReason.Expired, new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero)));
        }

        return expired.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(2004, LogLevel.Information, "Session {SessionId} of user {UserId} reached its absolute expiry.")]
        public static partial void SessionExpired(ILogger logger, Guid sessionId, Guid userId);

        [LoggerMessage(2005, LogLevel.Error, "The session monitor pass failed; it runs again at the next interval.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
