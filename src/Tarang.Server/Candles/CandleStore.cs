using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tarang.Dhan;
using Tarang.Market.Candles;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;
using Tarang.Server.Feed;
using Tarang.Server.Services;

namespace Tarang.Server.Candles;

/// <summary>
/// Today's 1-minute candles of every instrument the feed delivers, built as updates arrive and
/// kept in memory. "Today" is the exchange clock's trading day: when its IST date changes, or a
/// replay starts a new epoch, the candles of the old day are dropped (the roll). The store keeps
/// at most <c>Candles:MaxInstruments</c> instruments and drops the least recently used one to
/// admit another. The feed task writes; requests read on other threads.
/// </summary>
public sealed partial class CandleStore : IMarketStateObserver
{
    private readonly ConcurrentDictionary<InstrumentKey, CandleSeries> series = new();
    private readonly Lock admission = new();
    private readonly MarketReferenceData referenceData;
    private readonly TimeProvider exchangeClock;
    private readonly ILogger<CandleStore> logger;
    private readonly int maxInstruments;
    private volatile CandleDay? day;
    private long uses;
    private bool limitLogged;

    public CandleStore(
        IOptions<CandleOptions> options,
        MarketReferenceData referenceData,
        [FromKeyedServices(DhanServiceCollectionExtensions.ExchangeClockKey)] TimeProvider exchangeClock,
        ILogger<CandleStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        maxInstruments = options.Value.MaxInstruments;
        this.referenceData = referenceData;
        this.exchangeClock = exchangeClock;
        this.logger = logger;
    }

    /// <summary>Instruments with candles kept now.</summary>
    public int Count => series.Count;

    /// <summary>The trading day of the kept candles, or null before the first update or read.</summary>
    public ExchangeDay? Day => day?.Day;

    public void OnStateChanged(in MarketUpdate update, LatestValue state)
    {
        ArgumentNullException.ThrowIfNull(state);

        // The first update since the instrument was (again) held: whatever came between was not seen.
        if (state.Updates == 1 && series.TryGetValue(update.Instrument, out var resumed))
        {
            resumed.MarkGap();
        }

        if (update.LastTradedPrice is null || update.LastTradeTime is not { } tradeTime)
        {
            return;
        }

        var current = day;
        var tradeDate = Ist.DateOf(tradeTime);
        if (current is null || tradeDate != current.Day.Date)
        {
            current = Roll();
            if (tradeDate != current.Day.Date)
            {
                // A snapshot of an earlier day's last trade, as Dhan sends before the first trade of the day.
                return;
            }
        }

        var outcome = Admit(update.Instrument, current).Add(update, state, Interlocked.Increment(ref uses));
        if (outcome == CandleTickOutcome.OlderThanLast && Roll() is var rolled && !ReferenceEquals(rolled, current))
        {
            // The replay wrapped to a new epoch on the same date, so the trade belongs to the new day.
            Admit(update.Instrument, rolled).Add(update, state, Interlocked.Increment(ref uses));
        }
    }

    /// <summary>Returns the instrument's candles of the exchange's current trading day.</summary>
    public InstrumentCandles Read(InstrumentKey instrument)
    {
        var current = Roll();
        var asOf = Ist.ToIst(exchangeClock.GetUtcNow());
        if (!series.TryGetValue(instrument, out var existing))
        {
            return new InstrumentCandles(instrument, asOf, current.Day, current.Session, [], null, null, IsTracked: false);
        }

        var (candles, lastTradeTime, receivedAt) = existing.Read(Interlocked.Increment(ref uses));
        return new InstrumentCandles(instrument, asOf, current.Day, current.Session, candles, lastTradeTime, receivedAt, IsTracked: true);
    }

    /// <summary>
    /// Drops the candles when the exchange clock has moved to another trading day or epoch, and
    /// returns the current day. Reads the clock, so the feed calls it only when a trade's date
    /// differs from the kept day.
    /// </summary>
    public CandleDay Roll()
    {
        var now = ExchangeDay.Read(exchangeClock);
        if (day is { } current && current.Day == now)
        {
            return current;
        }

        lock (admission)
        {
            if (day is { } rolled && rolled.Day == now)
            {
                return rolled;
            }

            var dropped = series.Count;
            series.Clear();
            limitLogged = false;
            var session = referenceData.Calendar.GetSession(now.Date) ?? TradingSession.Normal(now.Date);
            var next = new CandleDay(now, session);
            day = next;
            Log.Rolled(logger, now.Date, now.Epoch, dropped);
            return next;
        }
    }

    /// <summary>Marks every instrument's candles as possibly missing trades, because the feed dropped.</summary>
    public void MarkGap()
    {
        foreach (var existing in series.Values)
        {
            existing.MarkGap();
        }
    }

    /// <summary>Drops every candle, for when the feed stops because no session needs it.</summary>
    public void Clear()
    {
        lock (admission)
        {
            var dropped = series.Count;
            series.Clear();
            if (dropped > 0)
            {
                Log.Cleared(logger, dropped);
            }
        }
    }

    private CandleSeries Admit(InstrumentKey instrument, CandleDay current)
    {
        if (series.TryGetValue(instrument, out var existing))
        {
            return existing;
        }

        lock (admission)
        {
            if (!ReferenceEquals(day, current))
            {
                // The store rolled meanwhile: the trade belongs to a day no longer kept.
                return new CandleSeries(new MinuteCandleBuilder(current.Session));
            }

            if (series.TryGetValue(instrument, out existing))
            {
                return existing;
            }

            if (series.Count >= maxInstruments)
            {
                EvictLeastRecentlyUsed(instrument);
            }

            existing = new CandleSeries(new MinuteCandleBuilder(current.Session));
            series[instrument] = existing;
            return existing;
        }
    }

    private void EvictLeastRecentlyUsed(InstrumentKey admitted)
    {
        var oldest = default(KeyValuePair<InstrumentKey, CandleSeries>?);
        foreach (var pair in series)
        {
            if (oldest is null || pair.Value.LastUse < oldest.Value.Value.LastUse)
            {
                oldest = pair;
            }
        }

        if (oldest is not { } evicted)
        {
            return;
        }

        series.TryRemove(evicted.Key, out _);
        if (!limitLogged)
        {
            limitLogged = true;
            Log.LimitReached(logger, maxInstruments, evicted.Key, admitted);
        }
        else
        {
            Log.Evicted(logger, evicted.Key, admitted);
        }
    }

    /// <summary>The trading day whose candles the store keeps, with its session hours.</summary>
    public sealed record CandleDay(ExchangeDay Day, TradingSession Session);

    private static partial class Log
    {
        [LoggerMessage(4301, LogLevel.Information, "Candles now cover trading day {Date:yyyy-MM-dd} (epoch {Epoch}, 0 unless replayed); dropped the candles of {Instruments} instruments of the day before.")]
        public static partial void Rolled(ILogger logger, DateOnly date, int epoch, int instruments);

        [LoggerMessage(4302, LogLevel.Warning, "The candle store is full at Candles:MaxInstruments = {MaxInstruments} instruments, so it dropped the candles of {Evicted}, used least recently, to keep {Admitted}; raise Candles:MaxInstruments when more instruments are held. Further drops today are logged at Debug level.")]
        public static partial void LimitReached(ILogger logger, int maxInstruments, InstrumentKey evicted, InstrumentKey admitted);

        [LoggerMessage(4303, LogLevel.Debug, "Dropped the candles of {Evicted} to keep {Admitted}; the candle store is full.")]
        public static partial void Evicted(ILogger logger, InstrumentKey evicted, InstrumentKey admitted);

        [LoggerMessage(4304, LogLevel.Information, "Dropped the candles of {Instruments} instruments because the feed stopped for lack of demand.")]
        public static partial void Cleared(ILogger logger, int instruments);
    }
}
