using System.Collections.Concurrent;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Sessions;

namespace Tarang.Server.Watchlists;

/// <summary>
/// Holds each user's watchlist on the shared feed, in quote mode, for every active session of the
/// user: at login (<see cref="SessionEvents.Started"/>), after each add or remove, and at start
/// for the sessions that were active before the server restarted. The feed supervisor releases a
/// session's holdings when it ends. An instrument the feed has no room for, or one that left the
/// instrument master, stays on the stored list and is reported as without live data.
/// </summary>
/// <remarks>
/// One refresh per user runs at a time (by user-id stripe), and each reads the stored list after it
/// starts, so the last refresh holds the latest list. A refresh that read a session as active just
/// before it ended would hold for it afterwards; the sessions that ended recently are remembered
/// so that such a hold is skipped.
/// </remarks>
public sealed partial class WatchlistHoldings(
    WatchlistStore store,
    SessionEvents sessionEvents,
    SessionManager sessionManager,
    MarketSubscriptions subscriptions,
    TimeProvider timeProvider,
    ILogger<WatchlistHoldings> logger) : IHostedService, IDisposable
{
    /// <summary>The holder scope of watchlists within a session.</summary>
    public const string Scope = "watchlist";

    /// <summary>The mode watchlist instruments are held in: quote carries the day's OHLC, volume and LTP.</summary>
    public const FeedMode Mode = FeedMode.Quote;

    // Longer than any refresh takes between reading the sessions and holding for them.
    private static readonly TimeSpan EndedSessionMemory = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim[] userStripes = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly Lock sync = new();
    private readonly Dictionary<Guid, DateTimeOffset> endedSessions = [];
    private readonly ConcurrentDictionary<Guid, IReadOnlyDictionary<InstrumentKey, string>> unavailable = new();
    private readonly ConcurrentDictionary<Task, byte> background = new();
    private readonly CancellationTokenSource stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        sessionEvents.Started += OnSessionStarted;
        sessionEvents.Ended += OnSessionEnded;

        // Sessions that were active before a restart raise no Started event in this process.
        RunInBackground(HoldForActiveSessionsAsync);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        sessionEvents.Started -= OnSessionStarted;
        sessionEvents.Ended -= OnSessionEnded;
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(background.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        stopping.Dispose();
        foreach (var stripe in userStripes)
        {
            stripe.Dispose();
        }
    }

    /// <summary>
    /// Returns why the item has no live data for the session: the feed had no room for it, or it
    /// is not in the instrument master. Null when it is held.
    /// </summary>
    public string? UnavailableReason(Guid sessionId, InstrumentKey instrument) =>
        unavailable.TryGetValue(sessionId, out var reasons) && reasons.TryGetValue(instrument, out var reason) ? reason : null;

    /// <summary>
    /// Holds the user's stored list for each of the user's active sessions and releases what left
    /// the list. Called after every add and remove, and in the background at login.
    /// </summary>
    public async Task RefreshUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var stripe = userStripes[(userId.GetHashCode() & int.MaxValue) % userStripes.Length];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var items = await store.ListAsync(userId, cancellationToken).ConfigureAwait(false);
            var sessions = await sessionManager.ListActiveAsync(userId, cancellationToken).ConfigureAwait(false);
            var instruments = items.Select(i => i.Key).ToList();
            lock (sync)
            {
                foreach (var session in sessions)
                {
                    if (!endedSessions.ContainsKey(session.Id))
                    {
                        HoldLocked(session.Id, instruments);
                    }
                }
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task HoldForActiveSessionsAsync(CancellationToken cancellationToken)
    {
        var sessions = await sessionManager.ListActiveAsync(null, cancellationToken).ConfigureAwait(false);
        var users = sessions.Select(s => s.UserId).Distinct().ToList();
        foreach (var userId in users)
        {
            await RefreshUserAsync(userId, cancellationToken).ConfigureAwait(false);
        }

        if (users.Count > 0)
        {
            Log.HeldAtStart(logger, users.Count, sessions.Count);
        }
    }

    /// <summary>Makes the session's watchlist holder hold exactly <paramref name="instruments"/>, those the feed takes.</summary>
    private void HoldLocked(Guid sessionId, List<InstrumentKey> instruments)
    {
        var holder = MarketHolder.ForSession(sessionId, Scope);
        var listed = instruments.ToHashSet();
        var leaving = subscriptions.GetHoldings(holder).Keys.Where(k => !listed.Contains(k)).ToList();
        subscriptions.Release(holder, leaving);

        var reasons = new Dictionary<InstrumentKey, string>();
        try
        {
            subscriptions.Hold(holder, instruments, Mode);
        }
        catch (Exception exception) when (exception is FeedCapacityExceededException or UnknownInstrumentsException)
        {
            // Some do not fit or are unknown: hold the rest one by one, so one does not cost the others.
            foreach (var instrument in instruments)
            {
                try
                {
                    subscriptions.Hold(holder, [instrument], Mode);
                }
                catch (FeedCapacityExceededException)
                {
                    reasons[instrument] = "The feed has no room for this instrument (Feed:MaxConnections connections of 5,000 instruments each); "
                        + "it stays on the watchlist and is held again at the next login or watchlist change.";
                }
                catch (UnknownInstrumentsException)
                {
                    reasons[instrument] = "This instrument is no longer in the instrument master, so the feed cannot carry it; remove it from the watchlist.";
                }
            }

            Log.NotAllHeld(logger, sessionId, reasons.Count, instruments.Count);
        }

        if (reasons.Count > 0)
        {
            unavailable[sessionId] = reasons;
        }
        else
        {
            unavailable.TryRemove(sessionId, out _);
        }
    }

    private void OnSessionStarted(object? sender, SessionStartedEventArgs e)
    {
        var userId = e.UserId;
        RunInBackground(cancellationToken => RefreshUserAsync(userId, cancellationToken));
    }

    private void OnSessionEnded(object? sender, SessionEndedEventArgs e)
    {
        var now = timeProvider.GetUtcNow();
        lock (sync)
        {
            foreach (var (id, endedAt) in endedSessions.ToList())
            {
                if (now - endedAt > EndedSessionMemory)
                {
                    endedSessions.Remove(id);
                }
            }

            endedSessions[e.SessionId] = now;
            subscriptions.ReleaseAll(MarketHolder.ForSession(e.SessionId, Scope));
        }

        unavailable.TryRemove(e.SessionId, out _);
    }

    /// <summary>Runs work off the caller's thread (a login request's event), logging a failure instead of throwing it.</summary>
    private void RunInBackground(Func<CancellationToken, Task> work)
    {
        var token = stopping.Token;
        var task = Task.Run(
            async () =>
            {
                try
                {
                    await work(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }
                catch (Exception exception)
                {
                    Log.RefreshFailed(logger, exception);
                }
            },
            CancellationToken.None);
        background.TryAdd(task, 0);
        task.ContinueWith(t => background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static partial class Log
    {
        [LoggerMessage(4500, LogLevel.Warning, "Session {SessionId} holds {Missing} of its {Count} watchlist instruments without live data: the feed is full or they left the instrument master.")]
        public static partial void NotAllHeld(ILogger logger, Guid sessionId, int missing, int count);

        [LoggerMessage(4501, LogLevel.Error, "Holding a user's watchlist on the feed failed; the next login or watchlist change tries again.")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);

        [LoggerMessage(4502, LogLevel.Information, "Held the watchlists of {Users} users with {Sessions} sessions that were active at start.")]
        public static partial void HeldAtStart(ILogger logger, int users, int sessions);
    }
}
