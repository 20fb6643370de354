using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Services;

namespace Tarang.Server.Feed;

/// <summary>
/// The server's way to ask for market data. A holder (a user session or the default universe)
/// holds each instrument in one mode; the upstream subscriptions are counted per (instrument,
/// mode) across holders, so the first holder of a pair subscribes it and the last one to leave
/// unsubscribes it. Changing a holder's mode sends the new pair's subscribe before the old pair's
/// unsubscribe, so a downgrade from full to ticker loses no update.
/// </summary>
public sealed partial class MarketSubscriptions(
    DhanFeed feed,
    MarketReferenceData referenceData,
    LatestValues latestValues,
    ILogger<MarketSubscriptions> logger)
{
    private readonly Lock sync = new();
    private readonly Dictionary<MarketHolder, Dictionary<InstrumentKey, FeedMode>> holdings = [];
    private readonly Dictionary<FeedSubscription, int> holders = [];

    /// <summary>
    /// Holds the instruments in <paramref name="mode"/> for the holder, replacing the mode it held
    /// them in before. Either all of them are held or, when an exception is thrown, none changed.
    /// </summary>
    /// <exception cref="UnknownInstrumentsException">The instrument master has some of them not.</exception>
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

    /// <summary>Releases everything the holder holds, for when its session ends.</summary>
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

    /// <summary>The sessions that hold anything now.</summary>
    public IReadOnlyList<Guid> HoldingSessions()
    {
        lock (sync)
        {
            return [.. holdings.Keys.Where(h => h.SessionId is not null).Select(h => h.SessionId!.Value)];
        }
    }

    /// <summary>The instruments the holder holds and their modes.</summary>
    public IReadOnlyDictionary<InstrumentKey, FeedMode> GetHoldings(MarketHolder holder)
    {
        lock (sync)
        {
            return holdings.TryGetValue(holder, out var held) ? new Dictionary<InstrumentKey, FeedMode>(held) : new Dictionary<InstrumentKey, FeedMode>();
        }
    }

    /// <summary>Every upstream subscription held now and its number of holders, by instrument and mode.</summary>
    public IReadOnlyList<HeldSubscription> GetSubscriptions()
    {
        lock (sync)
        {
            return [.. holders
                .Select(h => new HeldSubscription(h.Key.Instrument, h.Key.Mode, h.Value))
                .OrderBy(h => h.Instrument.ToString(), StringComparer.Ordinal)
                .ThenBy(h => h.Mode)];
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
    /// Applies holder-count changes: the pairs that gain their first holder are subscribed and the
    /// pairs that lose their last are unsubscribed, in one feed call so that subscribes go first.
    /// The feed call comes before any count changes, so a rejected call changes nothing.
    /// </summary>
    private void Apply(Dictionary<FeedSubscription, int> changes)
    {
        var adding = new List<FeedSubscription>();
        var removing = new List<FeedSubscription>();
        foreach (var (subscription, delta) in changes)
        {
            var before = holders.GetValueOrDefault(subscription);
            var after = before + delta;
            if (before == 0 && after > 0)
            {
                adding.Add(subscription);
            }
            else if (before > 0 && after == 0)
            {
                removing.Add(subscription);
            }
        }

        if (adding.Count > 0 || removing.Count > 0)
        {
            feed.ChangeSubscriptions(adding, removing);
        }

        foreach (var (subscription, delta) in changes)
        {
            var after = holders.GetValueOrDefault(subscription) + delta;
            if (after > 0)
            {
                holders[subscription] = after;
            }
            else
            {
                holders.Remove(subscription);
            }
        }

        foreach (var subscription in adding)
        {
            latestValues.Track(subscription.Instrument);
        }

        foreach (var instrument in removing.Select(r => r.Instrument).Distinct())
        {
            if (!Enum.GetValues<FeedMode>().Any(mode => holders.ContainsKey(new FeedSubscription(instrument, mode))))
            {
                latestValues.Untrack(instrument);
            }
        }

        if (adding.Count > 0 || removing.Count > 0)
        {
            Log.UpstreamChanged(logger, adding.Count, removing.Count, holders.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(5110, LogLevel.Debug, "{Holder} holds {Count} instruments in {Mode} mode; it holds {Total} in all.")]
        public static partial void Held(ILogger logger, MarketHolder holder, int count, FeedMode mode, int total);

        [LoggerMessage(5111, LogLevel.Debug, "{Holder} released {Count} instruments; it holds {Remaining}.")]
        public static partial void Released(ILogger logger, MarketHolder holder, int count, int remaining);

        [LoggerMessage(5112, LogLevel.Information, "Upstream subscriptions changed: {Added} (instrument, mode) pairs subscribed, {Removed} unsubscribed, {Held} held.")]
        public static partial void UpstreamChanged(ILogger logger, int added, int removed, int held);
    }
}
