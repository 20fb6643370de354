namespace Tarang.Server.Sessions;

/// <summary>Session lifetimes and the intervals of the session jobs (section <c>Sessions</c>), as TimeSpan text such as <c>00:30:00</c>.</summary>
public sealed class SessionLifetimeOptions
{
    public const string SectionName = "Sessions";

    /// <summary>Time from login to absolute expiry; activity never extends it.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A session with no activity for this long is revoked with reason <c>Inactivity</c>.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Minimum time between two activity writes of one session.</summary>
    public TimeSpan ActivityWriteInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the monitor revokes idle sessions and reports expired ones.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the cleanup job deletes old ended sessions.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sessions that ended by expiry are deleted this long after they expired.</summary>
    public TimeSpan ExpiredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Sessions kept in the in-memory cache at once (default 100,000). Past it, requests of
    /// sessions not cached are checked against the database each time.
    /// </summary>
    public int MaxCachedSessions { get; set; } = 100_000;

    /// <summary>
    /// Active sessions one user may have (default 10). A login past it ends the user's least
    /// recently active session with reason <c>SessionLimit</c>.
    /// </summary>
    public int MaxActivePerUser { get; set; } = 10;

    /// <summary>Revoked sessions are deleted this long after their revocation.</summary>
    public TimeSpan RevokedRetention { get; set; } = TimeSpan.FromDays(30);
}
