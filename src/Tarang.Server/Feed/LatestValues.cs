using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>
/// The feed's sink: the latest values of each held instrument. Packets for instruments no one
/// holds are dropped. <see cref="MarketSubscriptions"/> adds and removes instruments as holders
/// come and go, so the cache is empty once demand has ended. The supervisor marks the values stale
/// while the feed is down with holders left. The feed calls the sink from one
/// task; readers on other threads see whole records. After each update the
/// <see cref="IMarketStateObserver"/>s are called, in registration order. They are resolved at the
/// first update, because observers such as the hub depend on the feed, which depends on this sink.
/// </summary>
public sealed class LatestValues(TimeProvider timeProvider, Func<IEnumerable<IMarketStateObserver>> observers) : IMarketUpdateSink
{
    private readonly Lazy<IMarketStateObserver[]> observers = new(() => [.. observers()]);
    private readonly ConcurrentDictionary<InstrumentKey, Entry> entries = new();
    private volatile bool stale;

    /// <summary>Instruments tracked now.</summary>
    public int Count => entries.Count;

    /// <summary>True while the feed is down with holders left.</summary>
    public bool IsStale => stale;

    /// <summary>Returns the latest values, or false when the instrument is not held or nothing arrived yet.</summary>
    public bool TryGet(InstrumentKey instrument, [NotNullWhen(true)] out LatestValue? value)
    {
        value = null;
        if (!entries.TryGetValue(instrument, out var entry) || entry.Latest is not { } latest)
        {
            return false;
        }

        value = latest with { IsStale = stale };
        return true;
    }

    /// <summary>Starts keeping the instrument's values; a tracked instrument keeps what it has.</summary>
    public void Track(InstrumentKey instrument) => entries.TryAdd(instrument, new Entry());

    /// <summary>Stops keeping the instrument's values and drops them.</summary>
    public void Untrack(InstrumentKey instrument) => entries.TryRemove(instrument, out _);

    /// <summary>Marks the kept values stale (the feed dropped) or fresh (it is live again).</summary>
    public void SetStale(bool isStale) => stale = isStale;

    public void OnUpdate(in MarketUpdate update)
    {
        if (!entries.TryGetValue(update.Instrument, out var entry))
        {
            return;
        }

        var previous = entry.Latest;
        var state = new LatestValue
        {
            Values = previous is null ? update : Merge(previous.Values, update),
            ReceivedAt = timeProvider.GetUtcNow(),
            Updates = (previous?.Updates ?? 0) + 1,
            IsStale = false,
        };
        entry.Latest = state;
        foreach (var observer in observers.Value)
        {
            observer.OnStateChanged(update, state);
        }
    }

    /// <summary>
    /// Drops the fields the instrument's new, lower upstream mode does not carry, so they are
    /// absent rather than frozen at their last value. Quote mode drops depth and the OI day range.
    /// Ticker mode keeps only LTP, LTT and the previous close.
    /// </summary>
    public void Narrow(InstrumentKey instrument, FeedMode mode)
    {
        if (!entries.TryGetValue(instrument, out var entry) || entry.Latest is not { } latest || mode == FeedMode.Full)
        {
            return;
        }

        var values = latest.Values;
        values = mode == FeedMode.Quote
            ? values with { Depth = null, OpenInterestDayHigh = null, OpenInterestDayLow = null }
            : new MarketUpdate
            {
                Instrument = values.Instrument,
                Kind = values.Kind,
                LastTradedPrice = values.LastTradedPrice,
                LastTradeTime = values.LastTradeTime,
                PreviousClose = values.PreviousClose,
                PreviousOpenInterest = values.PreviousOpenInterest,
            };
        entry.Latest = latest with { Values = values };
    }

    public void OnMarketStatus(InstrumentKey instrument)
    {
    }

    public void OnDisconnect(ushort reasonCode)
    {
    }

    private static MarketUpdate Merge(in MarketUpdate old, in MarketUpdate update) => new()
    {
        Instrument = update.Instrument,
        Kind = update.Kind,
        LastTradedPrice = update.LastTradedPrice ?? old.LastTradedPrice,
        LastTradeTime = update.LastTradeTime ?? old.LastTradeTime,
        LastTradedQuantity = update.LastTradedQuantity ?? old.LastTradedQuantity,
        AverageTradePrice = update.AverageTradePrice ?? old.AverageTradePrice,
        Volume = update.Volume ?? old.Volume,
        TotalBuyQuantity = update.TotalBuyQuantity ?? old.TotalBuyQuantity,
        TotalSellQuantity = update.TotalSellQuantity ?? old.TotalSellQuantity,
        DayOpen = update.DayOpen ?? old.DayOpen,
        DayHigh = update.DayHigh ?? old.DayHigh,
        DayLow = update.DayLow ?? old.DayLow,
        DayClose = update.DayClose ?? old.DayClose,
        PreviousClose = update.PreviousClose ?? old.PreviousClose,
        OpenInterest = update.OpenInterest ?? old.OpenInterest,
        OpenInterestDayHigh = update.OpenInterestDayHigh ?? old.OpenInterestDayHigh,
        OpenInterestDayLow = update.OpenInterestDayLow ?? old.OpenInterestDayLow,
        PreviousOpenInterest = update.PreviousOpenInterest ?? old.PreviousOpenInterest,
        Depth = update.Depth ?? old.Depth,
    };

    private sealed class Entry
    {
        private volatile LatestValue? latest;

        public LatestValue? Latest
        {
            get => latest;
            set => latest = value;
        }
    }
}
