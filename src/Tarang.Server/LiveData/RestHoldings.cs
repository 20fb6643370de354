using Microsoft.Extensions.Options;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Sessions;

namespace Tarang.Server.LiveData;

/// <summary>
/// The instruments the market REST routes hold for each session (holder scope <c>rest</c>, quote
/// mode), at most <c>MarketApi:MaxHeldPerSession</c> per session: holding one more releases the
/// session's least recently requested instrument. The supervisor releases a session's holdings when
/// it ends, and this class then drops the session's entry.
/// </summary>
public sealed partial class RestHoldings : IDisposable
{
    /// <summary>The holder scope of the REST routes within a session.</summary>
    public const string Scope = "rest";

    /// <summary>The minimum time between two warnings that the feed is full, so a polling client cannot flood the log.</summary>
    private static readonly TimeSpan FeedFullWarningInterval = TimeSpan.FromMinutes(1);

    private readonly MarketSubscriptions subscriptions;
    private readonly SessionEvents sessionEvents;
    private readonly TimeProvider wallClock;
    private readonly ILogger<RestHoldings> logger;
    private readonly int maxHeldPerSession;
    private readonly Lock sync = new();
    private readonly Dictionary<Guid, RecentlyRequested> sessions = [];
    private DateTimeOffset? lastFeedFullWarning;
    private int feedFullSinceWarning;

    public RestHoldings(
        MarketSubscriptions subscriptions, SessionEvents sessionEvents, TimeProvider wallClock, IOptions<MarketApiOptions> options, ILogger<RestHoldings> logger)
    {
        ArgumentNullException.ThrowIfNull(sessionEvents);
        ArgumentNullException.ThrowIfNull(options);
        this.subscriptions = subscriptions;
        this.sessionEvents = sessionEvents;
        this.wallClock = wallClock;
        this.logger = logger;
        maxHeldPerSession = options.Value.MaxHeldPerSession;
        sessionEvents.Ended += OnSessionEnded;
    }

    /// <summary>
    /// Holds the instruments for the session and marks them most recently requested. Returns
    /// those the session did not hold before. Evicts the least recently requested beyond the limit.
    /// </summary>
    /// <exception cref="UnknownInstrumentsException">An instrument is not in the master; nothing changed.</exception>
    /// <exception cref="FeedCapacityExceededException">The feed is full; nothing changed.</exception>
    public IReadOnlyList<InstrumentKey> Hold(Guid sessionId, IReadOnlyList<InstrumentKey> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var holder = MarketHolder.ForSession(sessionId, Scope);
        lock (sync)
        {
            if (!sessions.TryGetValue(sessionId, out var recent))
            {
                recent = new RecentlyRequested();
            }

            var added = instruments.Distinct().Where(i => !recent.Contains(i)).ToList();
            if (added.Count > 0)
            {
                try
                {
                    subscriptions.Hold(holder, added, FeedMode.Quote);
                }
                catch (FeedCapacityExceededException exception)
                {
                    WarnFeedFull(sessionId, added.Count, exception);
                    throw;
                }
            }

            sessions[sessionId] = recent;
            foreach (var instrument in instruments)
            {
                recent.Touch(instrument);
            }

            var evicted = recent.TrimTo(maxHeldPerSession);
            if (evicted.Count > 0)
            {
                subscriptions.Release(holder, evicted);
                Log.Evicted(logger, sessionId, evicted.Count, maxHeldPerSession);
            }

            return added;
        }
    }

    public void Dispose() => sessionEvents.Ended -= OnSessionEnded;

    // Called under the lock. Logs the first rejection and then at most one per interval, with the count since the last.
    private void WarnFeedFull(Guid sessionId, int count, FeedCapacityExceededException exception)
    {
        feedFullSinceWarning++;
        var now = wallClock.GetUtcNow();
        if (lastFeedFullWarning is { } last && now - last < FeedFullWarningInterval)
        {
            return;
        }

        Log.FeedFull(logger, exception, sessionId, count, feedFullSinceWarning);
        lastFeedFullWarning = now;
        feedFullSinceWarning = 0;
    }

    // The supervisor releases the session's subscriptions itself, so this only drops the request order.
    // NOTE: a request authenticated just before its session ended can hold again after this. Its
    // subscriptions then stay until the supervisor's next reconciliation, and its entry here stays
    // until the server stops.
    private void OnSessionEnded(object? sender, SessionEndedEventArgs e)
    {
        lock (sync)
        {
            sessions.Remove(e.SessionId);
        }
    }

    /// <summary>One session's instruments in request order, least recent at the tail.</summary>
    private sealed class RecentlyRequested
    {
        private readonly LinkedList<InstrumentKey> order = new();
        private readonly Dictionary<InstrumentKey, LinkedListNode<InstrumentKey>> nodes = [];

        public bool Contains(InstrumentKey instrument) => nodes.ContainsKey(instrument);

        public void Touch(InstrumentKey instrument)
        {
            if (nodes.TryGetValue(instrument, out var node))
            {
                order.Remove(node);
                order.AddFirst(node);
            }
            else
            {
                nodes[instrument] = order.AddFirst(instrument);
            }
        }

        public List<InstrumentKey> TrimTo(int max)
        {
            var evicted = new List<InstrumentKey>();
            while (order.Count > max)
            {
                var last = order.Last!;
                order.RemoveLast();
                nodes.Remove(last.Value);
                evicted.Add(last.Value);
            }

            return evicted;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4200, LogLevel.Debug, "Session {SessionId} held more than {Max} instruments through the market routes (MarketApi:MaxHeldPerSession); released the {Count} least recently requested.")]
        public static partial void Evicted(ILogger logger, Guid sessionId, int count, int max);

        [LoggerMessage(4201, LogLevel.Warning, "The feed has no room for {Count} instruments requested by session {SessionId}, so the market route returned 503 ({Rejections} such rejections since the last warning); raise Feed:MaxConnections if Dhan allows more sockets.")]
        public static partial void FeedFull(ILogger logger, Exception exception, Guid sessionId, int count, int rejections);
    }
}
