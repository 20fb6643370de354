using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Services;

namespace Tarang.Server.Feed;

/// <summary>
/// The server's way to request market data. A holder (a user session or the default universe)
/// holds each instrument in one mode. Holders are counted per (instrument, mode), and each held
/// instrument is subscribed upstream once, in the highest mode anyone holds: the first holder
/// subscribes it, the last one to leave unsubscribes it. When the last holder of the higher mode
/// leaves while a lower one is held, the lower mode is subscribed before the higher one is
/// unsubscribed, so no update is lost.
/// </summary>
public sealed partial class MarketSubscriptions(
    DhanFeed feed,
    MarketReferenceData referenceData,
    LatestValues latestValues,
    ILogger<MarketSubscriptions> logger)
{
    private static readonly FeedMode[] ModesHighestFirst = [FeedMode.Full, FeedMode.Quote, FeedMode.Ticker];

    private readonly Lock sync = new();
    private readonly Dictionary<MarketHolder, Dictionary<InstrumentKey, FeedMode>> holdings = [];

    // Holders per (instrument, mode), and the one mode each held instrument is subscribed in upstream.
    private readonly Dictionary<FeedSubscription, int> holders = [];
    private readonly Dictionary<InstrumentKey, FeedMode> upstream = [];

    /// <summary>
    /// Holds the instruments in <paramref name="mode"/> for the holder, replacing the mode it held
    /// them in before. Either all of them are held or, when an exception is thrown, none changed.
    /// Holdings of a session that has already ended stay until the supervisor's next reconciliation.
    /// </summary>
    /// <exception cref="UnknownInstrumentsException">Some of the instruments are not in the instrument master.</exception>
    /// <exception cref="FeedCapacityExceededException">The feed has no room for the new subscriptions.</exception>
    public void Hold(MarketHolder holder, IEnumerable<InstrumentKey> instruments, FeedMode mode)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "The mode must be Ticker, Quote or Full.");
        }

        var requested = instruments.Distinct().ToList();
        var catalog = referenceData.Catalog;
        var unknown = requested.Where(i => !catalog.TryGet(i, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new UnknownInstrumentsException(unknown);
        }

        lock (sync)
        {
            var held = holdings.GetValueOrDefault(holder) ?? [];
            var changes = new Dictionary<FeedSubscription, int>();
            foreach (var instrument in requested)
            {
                if (held.TryGetValue(instrument, out var previous))
                {
                    if (previous == mode)
                    {
                        continue;
                    }

                    Count(changes, new FeedSubscription(instrument, previous), -1);
                }

                Count(changes, new FeedSubscription(instrument, mode), +1);
            }

            Apply(changes);
            foreach (var instrument in requested)
            {
                held[instrument] = mode;
            }

            if (held.Count > 0)
            {
                holdings[holder] = held;
            }

            Log.Held(logger, holder, requested.Count, mode, held.Count);
        }
    }

    /// <summary>Releases the holder's instruments; instruments it does not hold are ignored.</summary>
    public void Release(MarketHolder holder, IEnumerable<InstrumentKey> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        lock (sync)
        {
            if (!holdings.TryGetValue(holder, out var held))
            {
                return;
            }

            var releasing = instruments.Distinct().Where(held.ContainsKey).ToList();
            ReleaseLocked(holder, held, releasing);
        }
    }

    /// <summary>Releases everything the holder holds.</summary>
    public void ReleaseAll(MarketHolder holder)
    {
        lock (sync)
        {
            if (holdings.TryGetValue(holder, out var held))
            {
                ReleaseLocked(holder, held, [.. held.Keys]);
            }
        }
    }

    /// <summary>Releases everything held on behalf of the session, in any scope, for when it ends.</summary>
    public void ReleaseSession(Guid sessionId)
    {
        lock (sync)
        {
            foreach (var holder in holdings.Keys.Where(h => h.SessionId == sessionId).ToList())
            {
                ReleaseLocked(holder, holdings[holder], [.. holdings[holder].Keys]);
            }
        }
    }

    /// <summary>Returns the sessions that hold at least one instrument, in any scope.</summary>
    public IReadOnlyList<Guid> HoldingSessions()
    {
        lock (sync)
        {
            return [.. holdings.Keys.Where(h => h.SessionId is not null).Select(h => h.SessionId!.Value).Distinct()];
        }
    }

    /// <summary>Returns the holder's instruments and their modes.</summary>
    public IReadOnlyDictionary<InstrumentKey, FeedMode> GetHoldings(MarketHolder holder)
    {
        lock (sync)
        {
            return holdings.TryGetValue(holder, out var held) ? new Dictionary<InstrumentKey, FeedMode>(held) : new Dictionary<InstrumentKey, FeedMode>();
        }
    }

    /// <summary>Returns every upstream subscription, with the number of holders of its instrument in any mode.</summary>
    public IReadOnlyList<HeldSubscription> GetSubscriptions()
    {
        lock (sync)
        {
            var counts = holders
                .GroupBy(h => h.Key.Instrument)
                .ToDictionary(g => g.Key, g => g.Sum(h => h.Value));
            return [.. upstream
                .Select(u => new HeldSubscription(u.Key, u.Value, counts.GetValueOrDefault(u.Key)))
                .OrderBy(h => h.Instrument.ToString(), StringComparer.Ordinal)];
        }
    }

    private static void Count(Dictionary<FeedSubscription, int> changes, FeedSubscription subscription, int delta) =>
        changes[subscription] = changes.GetValueOrDefault(subscription) + delta;

    private void ReleaseLocked(MarketHolder holder, Dictionary<InstrumentKey, FeedMode> held, List<InstrumentKey> releasing)
    {
        if (releasing.Count == 0)
        {
            return;
        }

        var changes = new Dictionary<FeedSubscription, int>();
        foreach (var instrument in releasing)
        {
            Count(changes, new FeedSubscription(instrument, held[instrument]), -1);
        }

        Apply(changes);
        foreach (var instrument in releasing)
        {
            held.Remove(instrument);
        }

        if (held.Count == 0)
        {
            holdings.Remove(holder);
        }

        Log.Released(logger, holder, releasing.Count, held.Count);
    }

    /// <summary>
    /// Applies holder-count changes and moves each touched instrument's upstream subscription to
    /// the highest mode still held, because a higher mode's packets carry every field of the lower
    /// ones. All moves go to the feed in one call, which sends subscribes before unsubscribes, so
    /// a move from full to ticker subscribes ticker before it unsubscribes full. The feed call
    /// comes before any count changes, so a rejected call changes nothing.
    /// </summary>
    private void Apply(Dictionary<FeedSubscription, int> changes)
    {
        var after = new Dictionary<FeedSubscription, int>();
        foreach (var (subscription, delta) in changes)
        {
            after[subscription] = holders.GetValueOrDefault(subscription) + delta;
        }

        var adding = new List<FeedSubscription>();
        var removing = new List<FeedSubscription>();
        var narrowed = new List<FeedSubscription>();
        var instruments = changes.Keys.Select(c => c.Instrument).Distinct().ToList();
        foreach (var instrument in instruments)
        {
            var before = upstream.TryGetValue(instrument, out var mode) ? mode : (FeedMode?)null;
            var next = HighestMode(instrument, after);
            if (before == next)
            {
                continue;
            }

            if (next is { } nextMode)
            {
                adding.Add(new FeedSubscription(instrument, nextMode));
            }

            if (before is { } beforeMode)
            {
                removing.Add(new FeedSubscription(instrument, beforeMode));
                if (next is { } lowerMode && lowerMode < beforeMode)
                {
                    narrowed.Add(new FeedSubscription(instrument, lowerMode));
                }
            }
        }

        if (adding.Count > 0 || removing.Count > 0)
        {
            feed.ChangeSubscriptions(adding, removing);
        }

        foreach (var (subscription, count) in after)
        {
            if (count > 0)
            {
                holders[subscription] = count;
            }
            else
            {
                holders.Remove(subscription);
            }
        }

        foreach (var subscription in removing)
        {
            upstream.Remove(subscription.Instrument);
        }

        foreach (var subscription in adding)
        {
            upstream[subscription.Instrument] = subscription.Mode;
            latestValues.Track(subscription.Instrument);
        }

        foreach (var subscription in narrowed)
        {
            latestValues.Narrow(subscription.Instrument, subscription.Mode);
        }

        foreach (var instrument in instruments.Where(i => !upstream.ContainsKey(i)))
        {
            latestValues.Untrack(instrument);
        }

        if (adding.Count > 0 || removing.Count > 0)
        {
            Log.UpstreamChanged(logger, adding.Count, removing.Count, upstream.Count);
        }
    }

    /// <summary>Returns the highest mode of the instrument with a holder, counting the pending changes first.</summary>
    private FeedMode? HighestMode(InstrumentKey instrument, Dictionary<FeedSubscription, int> pending)
    {
        foreach (var mode in ModesHighestFirst)
        {
            var subscription = new FeedSubscription(instrument, mode);
            var count = pending.TryGetValue(subscription, out var changed) ? changed : holders.GetValueOrDefault(subscription);
            if (count > 0)
            {
                return mode;
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(5110, LogLevel.Debug, "{Holder} holds {Count} instruments in {Mode} mode; it holds {Total} in all.")]
        public static partial void Held(ILogger logger, MarketHolder holder, int count, FeedMode mode, int total);

        [LoggerMessage(5111, LogLevel.Debug, "{Holder} released {Count} instruments; it holds {Remaining}.")]
        public static partial void Released(ILogger logger, MarketHolder holder, int count, int remaining);

        [LoggerMessage(5112, LogLevel.Information, "Upstream subscriptions changed: {Added} (instrument, mode) pairs subscribed, {Removed} unsubscribed; {Instruments} instruments are subscribed.")]
        public static partial void UpstreamChanged(ILogger logger, int added, int removed, int instruments);
    }
}
