using Tarang.Market.MarketData;
using Tarang.Market.Time;

namespace Tarang.Market.Candles;

/// <summary>
/// Builds one instrument's 1-minute candles for one trading session from its feed updates. A
/// candle covers one whole IST minute counted from the session's open (09:15 on a normal day),
/// and a trade belongs to the minute of its LTT, the exchange's time. Trades before the open (the
/// pre-open auction) go into the first candle, trades at or after the close into none, and a
/// minute without trades has no candle.
/// </summary>
/// <remarks>
/// <para>
/// Volume comes from the day's cumulative volume that quote and full packets carry: a candle's
/// volume is the cumulative volume at its last trade minus the cumulative volume at the last
/// trade before it. A candle that opens the session counts from zero, so it includes the pre-open
/// volume. Repeated packets (the snapshot after a resubscribe) add nothing, because only the
/// difference of cumulative values counts. Ticker packets carry no volume, so their candles have
/// a null volume.
/// </para>
/// <para>
/// The first trade seen, and the first after <see cref="MarkGap"/>, starts an observation. If it
/// falls in the session's first minute and the packet carries the day's open, high and low, the
/// first candle takes them, because every trade of the day so far lies in that candle. Otherwise
/// trades before it in its minute are unknown, so its candle is marked partial, and its volume
/// counts from the cumulative volume minus the LTQ, the volume before that trade. After a gap the
/// candle before it is marked partial too, because the missed trades may lie in its minute.
/// </para>
/// <para>Not thread-safe: the caller serialises writes and reads.</para>
/// </remarks>
public sealed class MinuteCandleBuilder
{
    /// <summary>The length of a candle.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly List<Candle> candles = [];
    private readonly DateTimeOffset open;
    private readonly DateTimeOffset close;

    // The last trade added, to drop older and repeated ones.
    private DateTimeOffset? lastTradeTime;
    private decimal lastPrice;

    // The day's cumulative volume at the last trade added. It is null before the first packet with
    // a volume and after a ticker packet, because a ticker packet's trade quantity is unknown.
    private long? lastCumulativeVolume;

    // The cumulative volume before the current candle's first trade; null while the candle has no volume.
    private long? currentVolumeBase;

    // False before the first trade and after MarkGap, so the next trade starts an observation.
    private bool observing;

    /// <summary>Creates a builder for the session's date, open and close.</summary>
    public MinuteCandleBuilder(TradingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
        open = session.OpenInstant;
        close = session.CloseInstant;
        MaxCandles = close > open ? (int)Math.Ceiling((close - open) / Interval) : 0;
    }

    /// <summary>The session whose candles this builder makes.</summary>
    public TradingSession Session { get; }

    /// <summary>The most candles the session can have: its minutes from open to close, 375 on a normal day.</summary>
    public int MaxCandles { get; }

    /// <summary>The number of candles so far.</summary>
    public int Count => candles.Count;

    /// <summary>The LTT of the last trade added, or null before the first.</summary>
    public DateTimeOffset? LastTradeTime => lastTradeTime;

    /// <summary>Returns a copy of the candles, oldest first; the last one is still forming while its minute lasts.</summary>
    public Candle[] ToArray() => [.. candles];

    /// <summary>
    /// Records that updates may have been missed (the feed dropped, or the instrument was not held
    /// for a while), so the next trade starts a new observation and its candle is marked partial.
    /// </summary>
    public void MarkGap() => observing = false;

    /// <summary>Adds the trade an update carries, if it carries one that is new.</summary>
    public CandleTickOutcome Add(in MarketUpdate update)
    {
        if (update.LastTradedPrice is not { } price || update.LastTradeTime is not { } tradeTime)
        {
            return CandleTickOutcome.NoTrade;
        }

        if (Ist.DateOf(tradeTime) != Session.Date)
        {
            return CandleTickOutcome.OtherDay;
        }

        if (tradeTime >= close)
        {
            return CandleTickOutcome.AfterClose;
        }

        long? cumulative = update.Volume;
        if (lastTradeTime is { } last)
        {
            if (tradeTime < last)
            {
                return CandleTickOutcome.OlderThanLast;
            }

            // Trades within one second share an LTT, so only the same price without new volume is a repeat.
            if (tradeTime == last && price == lastPrice && !(cumulative > lastCumulativeVolume))
            {
                return CandleTickOutcome.Repeat;
            }
        }

        var minute = MinuteOf(tradeTime);
        var startsObservation = !observing;
        observing = true;
        lastTradeTime = tradeTime;
        lastPrice = price;

        if (candles.Count > 0 && candles[^1].Start == minute)
        {
            Extend(price, cumulative, update.LastTradedQuantity, startsObservation);
        }
        else
        {
            Open(minute, price, cumulative, update, startsObservation);
        }

        return CandleTickOutcome.Added;
    }

    private DateTimeOffset MinuteOf(DateTimeOffset tradeTime)
    {
        if (tradeTime <= open)
        {
            return open;
        }

        var minutes = (tradeTime - open).Ticks / Interval.Ticks;
        return open + TimeSpan.FromTicks(minutes * Interval.Ticks);
    }

    private void Open(DateTimeOffset minute, decimal price, long? cumulative, in MarketUpdate update, bool startsObservation)
    {
        var (first, high, low) = (price, price, price);
        var isPartial = false;

        if (!startsObservation)
        {
            // Every trade since the last one seen lies in this minute or the ones before it, which had their candles.
            currentVolumeBase = cumulative is null ? null : lastCumulativeVolume;
        }
        else if (minute == open && update.DayOpen is { } dayOpen && update.DayHigh is { } dayHigh && update.DayLow is { } dayLow)
        {
            // Everything traded today so far lies in the first candle, so the day's values are the candle's.
            (first, high, low) = (dayOpen, Math.Max(dayHigh, price), Math.Min(dayLow, price));
            currentVolumeBase = cumulative is null ? null : 0;
        }
        else if (minute == open && update.LastTradeTime <= open)
        {
            // No trade of the normal session came before this one.
            currentVolumeBase = cumulative is null ? null : 0;
        }
        else
        {
            isPartial = true;
            currentVolumeBase = null;
        }

        if (startsObservation && candles.Count > 0)
        {
            // Trades missed after the last one seen may lie in the last candle's minute too.
            candles[^1] = candles[^1] with { IsPartial = true };
        }

        if (cumulative is not null && currentVolumeBase is null)
        {
            // The volume before this trade; trades of this minute before it are unknown.
            currentVolumeBase = VolumeBefore(cumulative.Value, update.LastTradedQuantity);
            isPartial = true;
        }

        lastCumulativeVolume = cumulative is null ? null : Math.Max(cumulative.Value, currentVolumeBase!.Value);
        if (candles.Count == candles.Capacity)
        {
            // Grow by doubling as a list does, but never past the session's minutes.
            candles.Capacity = Math.Min(MaxCandles, Math.Max(16, candles.Capacity * 2));
        }

        candles.Add(new Candle(minute, first, high, low, price, lastCumulativeVolume - currentVolumeBase, isPartial));
    }

    private void Extend(decimal price, long? cumulative, uint? lastTradedQuantity, bool startsObservation)
    {
        var candle = candles[^1];
        var isPartial = candle.IsPartial || startsObservation;
        var volume = candle.Volume;

        if (cumulative is { } total)
        {
            if (currentVolumeBase is null)
            {
                // The first volume of this candle: its trades before this one have no known quantity.
                currentVolumeBase = VolumeBefore(total, lastTradedQuantity);
                isPartial = true;
            }

            // The day's volume never falls, so a lower value is stale and ignored.
            var latest = Math.Max(total, lastCumulativeVolume ?? total);
            lastCumulativeVolume = latest;
            volume = latest - currentVolumeBase;
        }
        else if (lastCumulativeVolume is not null)
        {
            // A ticker packet after packets with volume: this trade's quantity is unknown.
            isPartial = isPartial || volume is not null;
            lastCumulativeVolume = null;
        }

        candles[^1] = candle with
        {
            High = Math.Max(candle.High, price),
            Low = Math.Min(candle.Low, price),
            Close = price,
            Volume = volume,
            IsPartial = isPartial,
        };
    }

    private long VolumeBefore(long cumulative, uint? lastTradedQuantity) =>
        Math.Max(Math.Max(0, cumulative - (lastTradedQuantity ?? 0)), lastCumulativeVolume ?? 0);
}
