using Tarang.Market.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tarang.Server.Http;
using Tarang.Server.Storage;

namespace Tarang.Server.Sessions;

/// <summary>
/// Creates, checks and revokes sessions. Checked sessions stay in a cache keyed by token hash, so
/// a request whose session is cached reads nothing from the database. Revocation removes the entry
/// at once, and activity is written at most once per <see cref="SessionLifetimeOptions.ActivityWriteInterval"/>.
/// </summary>
/// <remarks>
/// The cache contains at most <see cref="SessionLifetimeOptions.MaxCachedSessions"/> entries; past
/// that, sessions are checked against the database on every request. Tokens that match no active
/// session are never cached. Each monitor pass sweeps out entries that have expired or gone idle,
/// including those of sessions another instance revoked.
/// NOTE: the cache is per process. With several server instances, a revocation on one is seen by
/// the others only when their entry misses; that needs a shared invalidation channel.
/// </remarks>
public sealed partial class SessionManager(
    IDbContextFactory<TarangDbContext> contexts,
    TimeProvider timeProvider,
    IOptions<SessionLifetimeOptions> options,
    SessionEvents events,
    ILogger<SessionManager> logger)
{
    private readonly ConcurrentDictionary<string, CachedSession> cache = new(StringComparer.Ordinal);

    // Session id to cache key, so revocation and the monitor find an entry without a scan.
    private readonly ConcurrentDictionary<Guid, string> keysBySession = new();

    // Sessions revoked recently, with the revocation time. A request that read the session row just
    // before a revocation may add it to the cache just after; it checks this map after adding.
    // NOTE: no test drives that interleaving; a loop of concurrent requests and logouts did not hit it.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> recentlyRevoked = new();

    // Longer than any plausible gap between reading a session row and caching it.
    private static readonly TimeSpan RecentRevocationWindow = TimeSpan.FromMinutes(5);

    private readonly RateLimitedWarning cacheFull = new(timeProvider);

    private SessionLifetimeOptions Options => options.Value;

    /// <summary>Starts a session for <paramref name="userId"/> and returns its bearer token, which is not stored.</summary>
    public async Task<(string Token, Session Session)> CreateAsync(Guid userId, string? ipAddress, string? userAgent, CancellationToken cancellationToken)
    {
        var token = SessionTokens.Create();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var session = new Session
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            TokenHash = SessionTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Options.AbsoluteLifetime,
            LastActivityAt = now,
            IpAddress = ipAddress,
            UserAgent = Truncate(userAgent, 512),
        };

        await using (var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            context.Sessions.Add(session);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.SessionStarted(logger, session.Id, userId);
        events.RaiseStarted(new SessionStartedEventArgs(session.Id, userId, Utc(session.CreatedAt), Utc(session.ExpiresAt)));
        await EndSessionsOverLimitAsync(userId, session.Id, cancellationToken).ConfigureAwait(false);
        return (token, session);
    }

    /// <summary>
    /// Checks a bearer token and, when the session is active, counts the request as activity.
    /// A session found idle is revoked here with reason <see cref="SessionEndReason.Inactivity"/>.
    /// </summary>
    public async Task<(SessionCheck Check, SessionPrincipal? Principal)> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!SessionTokens.IsWellFormed(token))
        {
            return (SessionCheck.Malformed, null);
        }

        var key = Convert.ToBase64String(SessionTokens.Hash(token));
        if (!cache.TryGetValue(key, out var entry))
        {
            var (check, loaded) = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                return (check, null);
            }

            entry = AddToCache(key, loaded);
            if (recentlyRevoked.ContainsKey(entry.SessionId))
            {
                RemoveFromCache(entry.SessionId);
                return (SessionCheck.Revoked, null);
            }
        }

        var now = timeProvider.GetUtcNow();
        if (now >= entry.ExpiresAt)
        {
            RemoveFromCache(entry.SessionId);
            return (SessionCheck.Expired, null);
        }

        DateTimeOffset previousActivity;
        bool writeActivity;
        lock (entry)
        {
            previousActivity = entry.LastActivityAt;
            if (now - previousActivity >= Options.IdleTimeout)
            {
                writeActivity = false;
            }
            else
            {
                entry.LastActivityAt = now;
                writeActivity = now - entry.LastWrittenAt >= Options.ActivityWriteInterval;
                if (writeActivity)
                {
                    entry.LastWrittenAt = now;
                }
            }
        }

        if (now - previousActivity >= Options.IdleTimeout)
        {
            await RevokeAsync(entry.SessionId, SessionEndReason.Inactivity, cancellationToken).ConfigureAwait(false);
            return (SessionCheck.Revoked, null);
        }

        if (writeActivity)
        {
            await WriteActivityAsync(entry.SessionId, now, cancellationToken).ConfigureAwait(false);
        }

        return (SessionCheck.Active, new SessionPrincipal(entry.SessionId, entry.UserId, entry.Email, entry.IsAdmin, entry.ExpiresAt, previousActivity));
    }

    /// <summary>
    /// Revokes an active session with a reason and the current time, clears it from the cache and
    /// raises <see cref="SessionEvents.Ended"/>. Returns false when it was already ended or never existed.
    /// </summary>
    public async Task<bool> RevokeAsync(Guid sessionId, SessionEndReason reason, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Guid userId;
        await using (var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // The conditional update makes revocation idempotent under races: only the request
            // that flips RevokedAt from null raises the event.
            var changed = await context.Sessions
                .Where(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now)
                .ExecuteUpdateAsync(update => update.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedReason, reason), cancellationToken)
                .ConfigureAwait(false);

            if (changed > 0)
            {
                RememberRevocation(sessionId);
            }

            RemoveFromCache(sessionId);
            if (changed == 0)
            {
                return false;
            }

            userId = await context.Sessions.Where(s => s.Id == sessionId).Select(s => s.UserId).SingleAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.SessionRevoked(logger, sessionId, userId, reason);
        events.RaiseEnded(new SessionEndedEventArgs(sessionId, userId, reason, Utc(now)));
        return true;
    }

    /// <summary>Revokes every active session of a user except <paramref name="keepSessionId"/>; returns how many ended.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, SessionEndReason reason, Guid? keepSessionId, CancellationToken cancellationToken)
    {
        var ids = await ListActiveIdsAsync(userId, cancellationToken).ConfigureAwait(false);
        var revoked = 0;
        foreach (var id in ids)
        {
            if (id != keepSessionId && await RevokeAsync(id, reason, cancellationToken).ConfigureAwait(false))
            {
                revoked++;
            }
        }

        return revoked;
    }

    /// <summary>Returns the session if it is neither revoked nor past its absolute expiry, otherwise null.</summary>
    public async Task<Session?> FindActiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Sessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Lists sessions that are neither revoked nor past their absolute expiry, of one user or of all.</summary>
    public async Task<IReadOnlyList<Session>> ListActiveAsync(Guid? userId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = context.Sessions.AsNoTracking().Where(s => s.RevokedAt == null && s.ExpiresAt > now);
        if (userId is { } id)
        {
            query = query.Where(s => s.UserId == id);
        }

        var sessions = await query.OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in sessions)
        {
            session.LastActivityAt = LatestActivity(session.Id, session.LastActivityAt);
        }

        return sessions;
    }

    /// <summary>Entries in the session cache now.</summary>
    internal int CachedCount => cache.Count;

    /// <summary>Revocations remembered now for the cache race described at the field.</summary>
    internal int RecentlyRevokedCount => recentlyRevoked.Count;

    /// <summary>
    /// Drops cache entries past their absolute expiry or idle for <see cref="SessionLifetimeOptions.IdleTimeout"/>,
    /// and revocations older than the race window; returns how many cache entries were dropped.
    /// A dropped session that is still active is loaded again at its next request.
    /// </summary>
    internal int SweepCache()
    {
        var now = timeProvider.GetUtcNow();
        var dropped = 0;
        foreach (var (key, entry) in cache)
        {
            bool ended;
            lock (entry)
            {
                ended = now >= entry.ExpiresAt || now - entry.LastActivityAt >= Options.IdleTimeout;
            }

            if (ended && cache.TryRemove(key, out _))
            {
                keysBySession.TryRemove(entry.SessionId, out _);
                dropped++;
            }
        }

        ForgetOldRevocations(now);
        return dropped;
    }

    /// <summary>Caches a loaded session unless the cache is full, and returns the entry to use.</summary>
    private CachedSession AddToCache(string key, CachedSession loaded)
    {
        if (cache.Count >= Options.MaxCachedSessions)
        {
            if (cacheFull.ShouldWrite(out var suppressed))
            {
                Log.CacheFull(logger, Options.MaxCachedSessions, suppressed);
            }

            return loaded;
        }

        var entry = cache.GetOrAdd(key, loaded);
        keysBySession[entry.SessionId] = key;
        return entry;
    }

    private void RememberRevocation(Guid sessionId)
    {
        var now = timeProvider.GetUtcNow();
        ForgetOldRevocations(now);
        recentlyRevoked[sessionId] = now;
    }

    private void ForgetOldRevocations(DateTimeOffset now)
    {
        foreach (var (id, revokedAt) in recentlyRevoked)
        {
            if (now - revokedAt > RecentRevocationWindow)
            {
                recentlyRevoked.TryRemove(id, out _);
            }
        }
    }

    /// <summary>
    /// Ends the user's least recently active sessions beyond <see cref="SessionLifetimeOptions.MaxActivePerUser"/>,
    /// keeping <paramref name="newSessionId"/>. Two logins at the same moment may each leave one over the limit.
    /// </summary>
    private async Task EndSessionsOverLimitAsync(Guid userId, Guid newSessionId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        List<(Guid Id, DateTime LastActivityAt)> others;
        await using (var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var rows = await context.Sessions
                .Where(s => s.UserId == userId && s.Id != newSessionId && s.RevokedAt == null && s.ExpiresAt > now)
                .Select(s => new { s.Id, s.LastActivityAt })
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            others = [.. rows.Select(row => (row.Id, LatestActivity(row.Id, row.LastActivityAt)))];
        }

        var excess = others.Count + 1 - Options.MaxActivePerUser;
        foreach (var (id, _) in others.OrderBy(s => s.LastActivityAt).Take(excess))
        {
            await RevokeAsync(id, SessionEndReason.SessionLimit, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Guid>> ListActiveIdsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Returns the newest activity of a session, from the cache when it is ahead of the stored value.</summary>
    internal DateTime LatestActivity(Guid sessionId, DateTime stored)
    {
        if (!keysBySession.TryGetValue(sessionId, out var key) || !cache.TryGetValue(key, out var entry))
        {
            return stored;
        }

        lock (entry)
        {
            return entry.LastActivityAt.UtcDateTime > stored ? entry.LastActivityAt.UtcDateTime : stored;
        }
    }

    internal async Task WriteActivityAsync(Guid sessionId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var value = at.UtcDateTime;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.Sessions
            .Where(s => s.Id == sessionId && s.RevokedAt == null && s.LastActivityAt < value)
            .ExecuteUpdateAsync(update => update.SetProperty(s => s.LastActivityAt, value), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Drops a session from the cache, for example after its expiry was reported.</summary>
    internal void RemoveFromCache(Guid sessionId)
    {
        if (keysBySession.TryRemove(sessionId, out var key))
        {
            cache.TryRemove(key, out _);
        }
    }

    private async Task<(SessionCheck, CachedSession?)> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Convert.FromBase64String(key);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await context.Sessions.AsNoTracking()
            .Where(s => s.TokenHash == hash)
            .Join(context.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, u.Email, u.IsAdmin })
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);

        if (row is null)
        {
            return (SessionCheck.Unknown, null);
        }

        if (row.Session.RevokedAt is not null)
        {
            return (SessionCheck.Revoked, null);
        }

        var lastActivity = Utc(row.Session.LastActivityAt);
        return (SessionCheck.Active, new CachedSession(row.Session.Id, row.Session.UserId, row.Email, row.IsAdmin, Utc(row.Session.ExpiresAt))
        {
            LastActivityAt = lastActivity,
            LastWrittenAt = lastActivity,
        });
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private sealed class CachedSession(Guid sessionId, Guid userId, string email, bool isAdmin, DateTimeOffset expiresAt)
    {
        public Guid SessionId { get; } = sessionId;

        public Guid UserId { get; } = userId;

        public string Email { get; } = email;

        public bool IsAdmin { get; } = isAdmin;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        /// <summary>Newest activity seen by this process; guarded by locking the entry.</summary>
        public DateTimeOffset LastActivityAt { get; set; }

        /// <summary>The activity value last written to the database.</summary>
        public DateTimeOffset LastWrittenAt { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(2002, LogLevel.Information, "Session {SessionId} of user {UserId} started.")]
        public static partial void SessionStarted(ILogger logger, Guid sessionId, Guid userId);

        [LoggerMessage(2003, LogLevel.Information, "Session {SessionId} of user {UserId} was revoked ({Reason}).")]
        public static partial void SessionRevoked(ILogger logger, Guid sessionId, Guid userId, SessionEndReason reason);

        [LoggerMessage(2201, LogLevel.Warning, "The session cache holds {Max} sessions (Sessions:MaxCachedSessions); more sessions are checked against the database on each request. {Suppressed} more since the last warning.")]
        public static partial void CacheFull(ILogger logger, int max, long suppressed);
    }
}
