using Microsoft.Extensions.Options;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;
using Tarang.Server.Services;
using Tarang.Server.Sessions;

namespace Tarang.Server.Feed;

/// <summary>
/// Keeps the shared Dhan feed up exactly while someone needs it. The first active session starts
/// the feed at once (from <see cref="SessionEvents.Started"/>, not a poll) and holds the default
/// universe; when the last session ends, the feed stops after <c>Feed:DisconnectGracePeriod</c>
/// with Dhan's disconnect request, and its subscriptions and cached values are released. Every
/// <c>Feed:ReconciliationInterval</c> the active sessions are read from the database to correct
/// missed events and to pick up sessions that were alive when the server started.
/// </summary>
public sealed partial class FeedSupervisor(
    DhanFeed feed,
    MarketSubscriptions subscriptions,
    LatestValues latestValues,
    MarketReferenceData referenceData,
    SessionEvents sessionEvents,
    SessionManager sessionManager,
    TimeProvider timeProvider,
    IOptions<FeedSupervisorOptions> options,
    ILogger<FeedSupervisor> logger) : PeriodicJob
{
    private readonly Lock sync = new();
    private readonly HashSet<Guid> activeSessions = [];
    private readonly SemaphoreSlim applying = new(1, 1);
    private readonly SemaphoreSlim reconciling = new(1, 1);
    private readonly FeedSupervisorOptions settings = options.Value;
    private ITimer? graceTimer;
    private DateTimeOffset? graceEndsAt;
    private bool needed;
    private bool started;
    private HashSet<Guid>? endedDuringReconciliation;
    private HashSet<Guid>? startedDuringReconciliation;
    private string? lastStopReason;
    private DateTimeOffset? lastStoppedAt;
    private DateTimeOffset? lastReconciledAt;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        sessionEvents.Started += OnSessionStarted;
        sessionEvents.Ended += OnSessionEnded;
        feed.StateChanged += OnFeedStateChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        sessionEvents.Started -= OnSessionStarted;
        sessionEvents.Ended -= OnSessionEnded;
        lock (sync)
        {
            CancelGraceLocked();
            needed = false;
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await ApplyAsync("the server is stopping").ConfigureAwait(false);
        feed.StateChanged -= OnFeedStateChanged;
    }

    public override void Dispose()
    {
        lock (sync)
        {
            CancelGraceLocked();
        }

        applying.Dispose();
        reconciling.Dispose();
        base.Dispose();
    }

    /// <summary>Sessions counted as active now; cheaper than <see cref="GetStatus"/> for metrics.</summary>
    public int ActiveSessionCount
    {
        get
        {
            lock (sync)
            {
                return activeSessions.Count;
            }
        }
    }

    /// <summary>Returns the sessions, feed state, subscriptions and cache as the admin status endpoint shows them.</summary>
    public FeedSupervisorStatus GetStatus()
    {
        var feedStatus = feed.GetStatus();
        lock (sync)
        {
            return new FeedSupervisorStatus
            {
                ActiveSessions = activeSessions.Count,
                FeedNeeded = needed,
                FeedState = feedStatus.State,
                OpenConnections = feedStatus.OpenConnections,
                GraceEndsAt = graceEndsAt,
                LastReconciledAt = lastReconciledAt,
                LastStopReason = lastStopReason,
                LastStoppedAt = lastStoppedAt,
                LastDisconnect = feedStatus.LastDisconnect,
                Subscriptions = subscriptions.GetSubscriptions(),
                CachedInstruments = latestValues.Count,
                CacheStale = latestValues.IsStale,
            };
        }
    }

    /// <summary>
    /// Compares the sessions the supervisor counts with the database's active ones and corrects
    /// the difference: a session it missed is added, one that ended unnoticed is removed and its
    /// holdings released. Runs every <c>Feed:ReconciliationInterval</c> and once at start.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        // One pass at a time: the timer's pass and a caller's may overlap, and each pass owns the
        // started and ended sets while its query runs.
        await reconciling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReconcileOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            reconciling.Release();
        }
    }

    private async Task ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            endedDuringReconciliation = [];
            startedDuringReconciliation = [];
        }

        IReadOnlyList<Session> active;
        try
        {
            active = await sessionManager.ListActiveAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (sync)
            {
                endedDuringReconciliation = null;
                startedDuringReconciliation = null;
            }

            throw;
        }

        var found = active.Select(s => s.Id).ToHashSet();
        List<Guid> added;
        List<Guid> removed;
        lock (sync)
        {
            // A session that ended while the query ran may still be in its result; it stays ended.
            // One that started while it ran may be missing from it; it stays active.
            found.ExceptWith(endedDuringReconciliation!);
            found.UnionWith(startedDuringReconciliation!);
            endedDuringReconciliation = null;
            startedDuringReconciliation = null;
            added = [.. found.Where(id => !activeSessions.Contains(id))];
            removed = [.. activeSessions.Where(id => !found.Contains(id))];
            activeSessions.UnionWith(added);
            activeSessions.ExceptWith(removed);
            lastReconciledAt = timeProvider.GetUtcNow();
        }

        // Holdings of sessions that are gone, noticed or not, are released.
        foreach (var sessionId in removed.Concat(subscriptions.HoldingSessions().Where(id => !found.Contains(id))).Distinct())
        {
            subscriptions.ReleaseSession(sessionId);
        }

        if (added.Count > 0 || removed.Count > 0)
        {
            Log.Reconciled(logger, added.Count, removed.Count, found.Count);
        }

        OnDemandChanged();
        await ApplyAsync("no session was active for the grace period").ConfigureAwait(false);
    }

    protected override TimeProvider Clock => timeProvider;

    protected override TimeSpan Interval => settings.ReconciliationInterval;

    // The first pass picks up the sessions that were alive when the server started.
    protected override bool RunsAtStart => true;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ReconcileAsync(cancellationToken);

    // A database outage must not stop the supervisor; the next tick tries again.
    protected override void OnPassFailed(Exception exception) => Log.ReconciliationFailed(logger, exception);

    private void OnSessionStarted(object? sender, SessionStartedEventArgs e)
    {
        int count;
        lock (sync)
        {
            activeSessions.Add(e.SessionId);
            startedDuringReconciliation?.Add(e.SessionId);
            count = activeSessions.Count;
        }

        Log.SessionStarted(logger, e.SessionId, count);
        OnDemandChanged();
        _ = ApplyAsync("no session was active for the grace period");
    }

    private void OnSessionEnded(object? sender, SessionEndedEventArgs e)
    {
        int count;
        lock (sync)
        {
            activeSessions.Remove(e.SessionId);
            endedDuringReconciliation?.Add(e.SessionId);
            count = activeSessions.Count;
        }

        subscriptions.ReleaseSession(e.SessionId);
        Log.SessionEnded(logger, e.SessionId, e.Reason, count);
        OnDemandChanged();
    }

    /// <summary>Starts the feed when a session is active, and arms or cancels the grace timer.</summary>
    private void OnDemandChanged()
    {
        lock (sync)
        {
            if (activeSessions.Count > 0)
            {
                if (graceTimer is not null)
                {
                    Log.GraceCancelled(logger, activeSessions.Count);
                }

                CancelGraceLocked();
                needed = true;
                return;
            }

            if (!needed || graceTimer is not null)
            {
                return;
            }

            if (settings.DisconnectGracePeriod == TimeSpan.Zero)
            {
                needed = false;
            }
            else
            {
                graceEndsAt = timeProvider.GetUtcNow() + settings.DisconnectGracePeriod;
                graceTimer = timeProvider.CreateTimer(OnGraceElapsed, null, settings.DisconnectGracePeriod, Timeout.InfiniteTimeSpan);
                Log.GraceStarted(logger, settings.DisconnectGracePeriod, graceEndsAt.Value);
                return;
            }
        }

        _ = ApplyAsync("the last session ended");
    }

    private void OnGraceElapsed(object? state)
    {
        lock (sync)
        {
            if (activeSessions.Count > 0 || graceTimer is null)
            {
                return;
            }

            CancelGraceLocked();
            needed = false;
        }

        _ = ApplyAsync("no session was active for the grace period");
    }

    private void CancelGraceLocked()
    {
        graceTimer?.Dispose();
        graceTimer = null;
        graceEndsAt = null;
    }

    /// <summary>
    /// Brings the feed to what is needed: started with the default universe held, or stopped with
    /// Dhan's disconnect request and everything released. One caller at a time; a caller that
    /// waited applies the latest wish.
    /// </summary>
    private async Task ApplyAsync(string stopReason)
    {
        try
        {
            await applying.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            bool isNeeded;
            lock (sync)
            {
                isNeeded = needed;
            }

            if (isNeeded && !started)
            {
                await StartFeedAsync().ConfigureAwait(false);
            }
            else if (!isNeeded && started)
            {
                await StopFeedAsync(stopReason).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            Log.ApplyFailed(logger, exception);
        }
        finally
        {
            applying.Release();
        }
    }

    private async Task StartFeedAsync()
    {
        HoldDefaultUniverse();
        await feed.StartAsync().ConfigureAwait(false);
        started = true;
        int sessions;
        lock (sync)
        {
            sessions = activeSessions.Count;
        }

        Log.FeedStarted(logger, sessions);
    }

    private async Task StopFeedAsync(string reason)
    {
        // Every session's holdings were released when it ended, so after the universe the feed's
        // desired set and the cache are empty. A holder that arrives during the stop keeps its
        // subscriptions and cache entries, and the next start sends them again.
        subscriptions.ReleaseAll(MarketHolder.DefaultUniverse);
        await feed.StopAsync().ConfigureAwait(false);
        latestValues.SetStale(false);
        started = false;
        lock (sync)
        {
            lastStopReason = reason;
            lastStoppedAt = timeProvider.GetUtcNow();
        }

        Log.FeedStopped(logger, reason);
    }

    private void HoldDefaultUniverse()
    {
        var entries = settings.DefaultUniverse ?? [.. FeedSupervisorOptions.StandardUniverse];
        var instruments = DefaultUniverse.Resolve(referenceData.Catalog, entries, out var unresolved);
        if (unresolved.Count > 0)
        {
            Log.UniverseUnresolved(logger, string.Join(", ", unresolved));
        }

        try
        {
            subscriptions.Hold(MarketHolder.DefaultUniverse, instruments, settings.DefaultUniverseMode);
        }
        catch (Exception exception) when (exception is UnknownInstrumentsException or FeedCapacityExceededException)
        {
            Log.UniverseRejected(logger, exception);
        }
    }

    private void OnFeedStateChanged(object? sender, FeedStateChangedEventArgs e)
    {
        bool isNeeded;
        lock (sync)
        {
            isNeeded = needed;
        }

        // A drop while holders remain keeps the values, flagged stale until the feed is live again.
        if (e.Current == FeedState.Live)
        {
            latestValues.SetStale(false);
        }
        else if (isNeeded && e.Previous is FeedState.Live or FeedState.Silent && e.Current is not FeedState.Silent)
        {
            latestValues.SetStale(true);
        }

        Log.FeedStateChanged(logger, e.Previous, e.Current, e.Status.LastDisconnect?.ToString() ?? "none");
    }

    private static partial class Log
    {
        [LoggerMessage(5100, LogLevel.Debug, "Session {SessionId} became active; {ActiveSessions} sessions are active.")]
        public static partial void SessionStarted(ILogger logger, Guid sessionId, int activeSessions);

        [LoggerMessage(5101, LogLevel.Debug, "Session {SessionId} ended ({Reason}); {ActiveSessions} sessions are active.")]
        public static partial void SessionEnded(ILogger logger, Guid sessionId, SessionEndReason reason, int activeSessions);

        [LoggerMessage(5102, LogLevel.Information, "The last session ended; the feed stops at {GraceEndsAt:o} unless someone logs in within {GracePeriod} (Feed:DisconnectGracePeriod).")]
        public static partial void GraceStarted(ILogger logger, TimeSpan gracePeriod, DateTimeOffset graceEndsAt);

        [LoggerMessage(5103, LogLevel.Information, "A session became active within the grace period; the feed stays up with {ActiveSessions} sessions.")]
        public static partial void GraceCancelled(ILogger logger, int activeSessions);

        [LoggerMessage(5104, LogLevel.Information, "Started the feed for {ActiveSessions} active sessions.")]
        public static partial void FeedStarted(ILogger logger, int activeSessions);

        [LoggerMessage(5105, LogLevel.Information, "Stopped the feed and released its subscriptions and cached values: {Reason}.")]
        public static partial void FeedStopped(ILogger logger, string reason);

        [LoggerMessage(5106, LogLevel.Information, "The feed state changed from {Previous} to {Current}; last disconnect: {LastDisconnect}.")]
        public static partial void FeedStateChanged(ILogger logger, FeedState previous, FeedState current, string lastDisconnect);

        [LoggerMessage(5107, LogLevel.Information, "Reconciled with the database: {Added} sessions added, {Removed} removed, {Active} active.")]
        public static partial void Reconciled(ILogger logger, int added, int removed, int active);

        [LoggerMessage(5108, LogLevel.Warning, "Reconciling the active sessions failed; the next pass in Feed:ReconciliationInterval tries again.")]
        public static partial void ReconciliationFailed(ILogger logger, Exception exception);

        [LoggerMessage(5109, LogLevel.Error, "Starting or stopping the feed failed; the next session event or reconciliation tries again.")]
        public static partial void ApplyFailed(ILogger logger, Exception exception);

        [LoggerMessage(5113, LogLevel.Warning, "Feed:DefaultUniverse entries not found in the instrument master, so not held: {Entries}.")]
        public static partial void UniverseUnresolved(ILogger logger, string entries);

        [LoggerMessage(5114, LogLevel.Error, "The default universe could not be held; check Feed:DefaultUniverse and Feed:MaxConnections.")]
        public static partial void UniverseRejected(ILogger logger, Exception exception);
    }
}
