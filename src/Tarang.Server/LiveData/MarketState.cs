using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tarang.Dhan;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;
using Tarang.Server.Feed;
using Tarang.Server.Services;

namespace Tarang.Server.LiveData;

/// <summary>
/// Users' view of the latest values: <see cref="LatestValues"/> joined with the instrument master
/// for names, the feed's state and the exchange clock's market status for staleness.
/// </summary>
public sealed class MarketState
{
    private readonly LatestValues latestValues;
    private readonly MarketReferenceData referenceData;
    private readonly TimeProvider exchangeClock;
    private readonly TimeProvider wallClock;
    private volatile StrongBox<FeedState> feedState;

    public MarketState(
        LatestValues latestValues,
        MarketReferenceData referenceData,
        DhanFeed feed,
        [FromKeyedServices(DhanServiceCollectionExtensions.ExchangeClockKey)] TimeProvider exchangeClock,
        TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(feed);
        this.latestValues = latestValues;
        this.referenceData = referenceData;
        this.exchangeClock = exchangeClock;
        this.wallClock = wallClock;
        feedState = new StrongBox<FeedState>(feed.GetStatus().State);
        feed.StateChanged += (_, e) => feedState = new StrongBox<FeedState>(e.Current);
    }

    /// <summary>The market status by the exchange clock now.</summary>
    public MarketStatus MarketStatus => referenceData.Calendar.GetStatus(exchangeClock.GetUtcNow());

    /// <summary>The feed's state, as it last reported.</summary>
    public FeedState FeedState => feedState.Value;

    /// <summary>The exchange clock's time now.</summary>
    public DateTimeOffset ExchangeTime => exchangeClock.GetUtcNow();

    /// <summary>Looks up the instrument in the master loaded now.</summary>
    public bool TryGetInstrument(InstrumentKey key, [NotNullWhen(true)] out Instrument? instrument) => referenceData.Catalog.TryGet(key, out instrument);

    /// <summary>Returns the instrument's snapshot, or false when no holder has it or nothing has arrived yet.</summary>
    public bool TryGetSnapshot(InstrumentKey instrument, [NotNullWhen(true)] out MarketSnapshot? snapshot)
    {
        snapshot = null;
        if (!latestValues.TryGet(instrument, out var value) || !referenceData.Catalog.TryGet(instrument, out var details))
        {
            return false;
        }

        snapshot = ToSnapshot(details, value, Conditions());
        return true;
    }

    /// <summary>The feed state and market status that decide staleness, read once for a batch of snapshots.</summary>
    public SnapshotConditions Conditions() => new(FeedState, MarketStatus, wallClock.GetUtcNow());

    /// <summary>Turns one instrument's latest values into the users' shape.</summary>
    public static MarketSnapshot ToSnapshot(Instrument instrument, LatestValue value, SnapshotConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Values;
        var previousClose = v.PreviousClose ?? v.DayClose;
        var change = v.LastTradedPrice - previousClose;
        var staleReason = StaleReason(value.IsStale, conditions);
        return new MarketSnapshot
        {
            Instrument = instrument.Key.ToString(),
            Segment = ExchangeSegments.ToDhanName(instrument.Key.Segment),
            SecurityId = instrument.Key.SecurityId,
            Symbol = instrument.Symbol,
            Name = instrument.DisplayName,
            Ltp = v.LastTradedPrice,
            Ltq = v.LastTradedQuantity,
            Ltt = v.LastTradeTime is { } ltt ? Ist.ToIst(ltt) : null,
            Atp = v.AverageTradePrice,
            Volume = v.Volume,
            TotalBuyQuantity = v.TotalBuyQuantity,
            TotalSellQuantity = v.TotalSellQuantity,
            Open = v.DayOpen,
            High = v.DayHigh,
            Low = v.DayLow,
            Close = v.DayClose,
            PreviousClose = previousClose,
            Change = change,
            ChangePercent = change is { } c && previousClose is > 0 ? Math.Round(c / previousClose.Value * 100m, 2) : null,
            Oi = v.OpenInterest,
            OiDayHigh = v.OpenInterestDayHigh,
            OiDayLow = v.OpenInterestDayLow,
            Depth = v.Depth is { } depth ? ToDepth(depth) : null,
            ReceivedAt = Ist.ToIst(value.ReceivedAt),
            AgeMs = Math.Max(0, (long)(conditions.Now - value.ReceivedAt).TotalMilliseconds),
            Stale = staleReason is not null,
            StaleReason = staleReason,
            MarketStatus = conditions.MarketStatus.ToString(),
        };
    }

    private static string? StaleReason(bool cacheStale, SnapshotConditions conditions)
    {
        if (cacheStale || conditions.FeedState != FeedState.Live)
        {
            return $"The feed is {conditions.FeedState}, not Live.";
        }

        return conditions.MarketStatus == MarketStatus.Open ? null : $"The market is {conditions.MarketStatus}.";
    }

    private static MarketDepthSnapshot ToDepth(MarketDepth depth)
    {
        var bids = new DepthEntry[MarketDepth.Levels];
        var asks = new DepthEntry[MarketDepth.Levels];
        for (var i = 0; i < MarketDepth.Levels; i++)
        {
            var level = depth[i];
            bids[i] = new DepthEntry(level.BidPrice, level.BidQuantity, level.BidOrders);
            asks[i] = new DepthEntry(level.AskPrice, level.AskQuantity, level.AskOrders);
        }

        return new MarketDepthSnapshot(bids, asks);
    }
}

/// <summary>What decides a batch of snapshots' staleness and age, read once.</summary>
public readonly record struct SnapshotConditions(FeedState FeedState, MarketStatus MarketStatus, DateTimeOffset Now);
