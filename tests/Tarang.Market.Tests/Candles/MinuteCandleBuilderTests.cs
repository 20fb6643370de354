using Tarang.Market.Candles;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;

namespace Tarang.Market.Tests.Candles;

public class MinuteCandleBuilderTests
{
    private static readonly DateOnly Day = new(2025, 12, 24);
    private static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);

    [Fact]
    public void Builder_MakesExactCandlesFromQuotes()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:15:00", 100.0m, 50, 50, dayOpen: 100.0m, dayHigh: 100.0m, dayLow: 100.0m));
        Add(builder, Quote("09:15:20", 101.5m, 80, 30));
        Add(builder, Quote("09:15:40", 99.5m, 100, 20));
        Add(builder, Quote("09:16:05", 100.5m, 130, 30));
        Add(builder, Quote("09:16:59", 100.0m, 175, 45));

        Assert.Equal(
            [
                new Candle(At("09:15:00"), 100.0m, 101.5m, 99.5m, 99.5m, 100, IsPartial: false),
                new Candle(At("09:16:00"), 100.5m, 100.5m, 100.0m, 100.0m, 75, IsPartial: false),
            ],
            builder.ToArray());
    }

    [Fact]
    public void Builder_SkipsMinutesWithoutTrades()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:15:10", 100m, 10, 10));
        Add(builder, Quote("09:18:30", 102m, 25, 15));

        var candles = builder.ToArray();
        Assert.Equal([At("09:15:00"), At("09:18:00")], candles.Select(c => c.Start));
        Assert.Equal(15, candles[1].Volume);
        Assert.Equal(102m, candles[1].Open);
    }

    [Fact]
    public void Builder_IgnoresRepeatedSnapshot()
    {
        var builder = NewBuilder();
        var tick = Quote("09:15:10", 100m, 10, 10);

        Add(builder, tick);
        Add(builder, Quote("09:15:30", 101m, 40, 30));
        var repeat = builder.Add(Quote("09:15:30", 101m, 40, 30));

        Assert.Equal(CandleTickOutcome.Repeat, repeat);
        Assert.Equal(40, Assert.Single(builder.ToArray()).Volume);
    }

    [Fact]
    public void Builder_CountsSameSecondTrades()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:15:10", 100m, 10, 10, dayOpen: 100m, dayHigh: 100m, dayLow: 100m));
        var sameSecond = builder.Add(Quote("09:15:10", 100.5m, 25, 15));
        var samePriceMoreVolume = builder.Add(Quote("09:15:10", 100.5m, 27, 2));

        Assert.Equal(CandleTickOutcome.Added, sameSecond);
        Assert.Equal(CandleTickOutcome.Added, samePriceMoreVolume);
        Assert.Equal(new Candle(At("09:15:00"), 100m, 100.5m, 100m, 100.5m, 27, IsPartial: false), Assert.Single(builder.ToArray()));
    }

    [Fact]
    public void Builder_RejectsOlderTrade()
    {
        var builder = NewBuilder();
        Add(builder, Quote("09:16:10", 100m, 10, 10));

        var outcome = builder.Add(Quote("09:16:05", 90m, 12, 2));

        Assert.Equal(CandleTickOutcome.OlderThanLast, outcome);
        Assert.Equal(100m, Assert.Single(builder.ToArray()).Low);
        Assert.Equal(At("09:16:10"), builder.LastTradeTime);
    }

    [Fact]
    public void Builder_TreatsMissingPriceAsNoTrade()
    {
        var builder = NewBuilder();

        var zeroPrice = builder.Add(Quote("09:15:10", null, 10, 10));
        var openInterest = builder.Add(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.OpenInterest, OpenInterest = 5_000 });
        var noTime = builder.Add(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.Ticker, LastTradedPrice = 100m });

        Assert.Equal(CandleTickOutcome.NoTrade, zeroPrice);
        Assert.Equal(CandleTickOutcome.NoTrade, openInterest);
        Assert.Equal(CandleTickOutcome.NoTrade, noTime);
        Assert.Equal(0, builder.Count);
    }

    [Fact]
    public void Builder_GivesNullVolumeForTickers()
    {
        var builder = NewBuilder();

        Add(builder, Ticker("09:15:00", 26170.65m));
        Add(builder, Ticker("09:15:30", 26211.8m));
        Add(builder, Ticker("09:15:59", 26148.25m));

        Assert.Equal(new Candle(At("09:15:00"), 26170.65m, 26211.8m, 26148.25m, 26148.25m, null, IsPartial: false), Assert.Single(builder.ToArray()));
    }

    [Fact]
    public void Builder_GivesZeroVolumeForIndexQuotes()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:15:00", 26170.65m, 0, 0, dayOpen: 26170.65m, dayHigh: 26170.65m, dayLow: 26170.65m));
        Add(builder, Quote("09:16:00", 26149.65m, 0, 0));

        Assert.All(builder.ToArray(), candle => Assert.Equal(0, candle.Volume));
    }

    [Fact]
    public void Builder_MarksMidMinuteJoinPartial()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:17:25", 100m, 1_000, 40));
        Add(builder, Quote("09:17:50", 101m, 1_100, 100));
        Add(builder, Quote("09:18:10", 102m, 1_150, 50));

        var candles = builder.ToArray();
        Assert.Equal(new Candle(At("09:17:00"), 100m, 101m, 100m, 101m, 140, IsPartial: true), candles[0]);
        Assert.Equal(new Candle(At("09:18:00"), 102m, 102m, 102m, 102m, 50, IsPartial: false), candles[1]);
    }

    [Fact]
    public void Builder_TakesDayValuesInFirstMinute()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:15:30", 101m, 500, 20, dayOpen: 100m, dayHigh: 102m, dayLow: 98m));
        Add(builder, Quote("09:15:45", 103m, 520, 20));

        Assert.Equal(new Candle(At("09:15:00"), 100m, 103m, 98m, 103m, 520, IsPartial: false), Assert.Single(builder.ToArray()));
    }

    [Fact]
    public void Builder_FoldsPreOpenTradeIntoFirstCandle()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:07:45", 99m, 3_000, 120));
        Add(builder, Quote("09:15:05", 100m, 3_100, 100));

        Assert.Equal(new Candle(At("09:15:00"), 99m, 100m, 99m, 100m, 3_100, IsPartial: false), Assert.Single(builder.ToArray()));
    }

    [Fact]
    public void Builder_IgnoresTradesOutsideSession()
    {
        var builder = NewBuilder();

        var atClose = builder.Add(Quote("15:30:00", 100m, 10, 10));
        var yesterday = builder.Add(Quote("15:29:00", 100m, 10, 10) with { LastTradeTime = Ist.At(Day.AddDays(-1), new TimeOnly(15, 29)) });
        var lastMinute = builder.Add(Quote("15:29:59", 100m, 10, 10));

        Assert.Equal(CandleTickOutcome.AfterClose, atClose);
        Assert.Equal(CandleTickOutcome.OtherDay, yesterday);
        Assert.Equal(CandleTickOutcome.Added, lastMinute);
        Assert.Equal(At("15:29:00"), Assert.Single(builder.ToArray()).Start);
    }

    [Fact]
    public void Builder_ResumesAfterGapInNewMinute()
    {
        var builder = NewBuilder();
        Add(builder, Quote("09:15:00", 100m, 50, 50, dayOpen: 100m, dayHigh: 100m, dayLow: 100m));
        Add(builder, Quote("09:15:40", 101m, 80, 30));

        builder.MarkGap();
        var snapshot = builder.Add(Quote("09:15:40", 101m, 80, 30));
        Add(builder, Quote("09:20:10", 104m, 400, 25));
        Add(builder, Quote("09:20:30", 103m, 420, 20));

        Assert.Equal(CandleTickOutcome.Repeat, snapshot);
        var candles = builder.ToArray();

        // Trades after 09:15:40 may have been missed, so the candle before the gap is partial too.
        Assert.Equal(new Candle(At("09:15:00"), 100m, 101m, 100m, 101m, 80, IsPartial: true), candles[0]);

        // The 295 shares traded during the gap belong to unknown minutes, so the candle counts from the one before its first trade.
        Assert.Equal(new Candle(At("09:20:00"), 104m, 104m, 103m, 103m, 45, IsPartial: true), candles[1]);
    }

    [Fact]
    public void Builder_ResumesAfterGapInSameMinute()
    {
        var builder = NewBuilder();
        Add(builder, Quote("09:16:00", 100m, 50, 50));
        Add(builder, Quote("09:17:05", 100m, 90, 40));

        builder.MarkGap();
        Add(builder, Quote("09:17:50", 99m, 200, 10));

        // Both ends of the gap lie in 09:17, so its trades do too, but their prices are unknown.
        Assert.Equal(new Candle(At("09:17:00"), 100m, 100m, 99m, 99m, 150, IsPartial: true), builder.ToArray()[1]);
    }

    [Fact]
    public void Builder_IgnoresFallingCumulativeVolume()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:15:00", 100m, 50, 50));
        Add(builder, Quote("09:15:10", 100.5m, 40, 5));
        Add(builder, Quote("09:16:10", 101m, 70, 20));

        var candles = builder.ToArray();
        Assert.Equal(50, candles[0].Volume);
        Assert.Equal(20, candles[1].Volume);
    }

    [Fact]
    public void Builder_MarksPartialWhenVolumeStarts()
    {
        var builder = NewBuilder();

        Add(builder, Ticker("09:15:00", 100m));
        Add(builder, Ticker("09:16:05", 101m));
        Add(builder, Quote("09:16:30", 102m, 5_000, 25));
        Add(builder, Quote("09:17:10", 103m, 5_060, 60));

        var candles = builder.ToArray();
        Assert.Equal(new Candle(At("09:16:00"), 101m, 102m, 101m, 102m, 25, IsPartial: true), candles[1]);
        Assert.Equal(new Candle(At("09:17:00"), 103m, 103m, 103m, 103m, 60, IsPartial: false), candles[2]);
    }

    [Fact]
    public void Builder_MarksPartialWhenVolumeStops()
    {
        var builder = NewBuilder();

        Add(builder, Quote("09:15:00", 100m, 50, 50));
        Add(builder, Ticker("09:15:30", 99m));
        Add(builder, Ticker("09:16:10", 98m));

        var candles = builder.ToArray();
        Assert.Equal(new Candle(At("09:15:00"), 100m, 100m, 99m, 99m, 50, IsPartial: true), candles[0]);
        Assert.Equal(new Candle(At("09:16:00"), 98m, 98m, 98m, 98m, null, IsPartial: false), candles[1]);
    }

    [Fact]
    public void Builder_HoldsAtMostSessionMinutes()
    {
        var builder = NewBuilder();
        var open = Ist.At(Day, TradingSession.NormalOpen);

        for (var second = -600; second < 6 * 60 * 60 + 1800; second += 20)
        {
            builder.Add(Quote(open.AddSeconds(second), 100m + (second % 7), 10 + second + 600, 1));
        }

        Assert.Equal(375, builder.MaxCandles);
        Assert.Equal(375, builder.Count);
        Assert.Equal(Ist.At(Day, new TimeOnly(15, 29)), builder.ToArray()[^1].Start);
    }

    [Fact]
    public void Builder_AnchorsAtSpecialSessionOpen()
    {
        var muhurat = new TradingSession(Day, new TimeOnly(17, 45), new TimeOnly(18, 0), new TimeOnly(19, 0));
        var builder = new MinuteCandleBuilder(muhurat);

        Add(builder, Quote(Ist.At(Day, new TimeOnly(18, 0, 30)), 100m, 10, 10));
        var before = builder.Add(Quote(Ist.At(Day, new TimeOnly(18, 59, 59)), 101m, 20, 10));

        Assert.Equal(CandleTickOutcome.Added, before);
        Assert.Equal(60, builder.MaxCandles);
        Assert.Equal([Ist.At(Day, new TimeOnly(18, 0)), Ist.At(Day, new TimeOnly(18, 59))], builder.ToArray().Select(c => c.Start));
    }

    private static MinuteCandleBuilder NewBuilder() => new(TradingSession.Normal(Day));

    private static DateTimeOffset At(string time) => Ist.At(Day, TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

    private static void Add(MinuteCandleBuilder builder, MarketUpdate update) =>
        Assert.Equal(CandleTickOutcome.Added, builder.Add(update));

    private static MarketUpdate Ticker(string time, decimal price) => new()
    {
        Instrument = Reliance,
        Kind = MarketUpdateKind.Ticker,
        LastTradedPrice = price,
        LastTradeTime = At(time),
    };

    private static MarketUpdate Quote(string time, decimal? price, uint volume, uint quantity, decimal? dayOpen = null, decimal? dayHigh = null, decimal? dayLow = null) =>
        Quote(At(time), price, volume, quantity, dayOpen, dayHigh, dayLow);

    private static MarketUpdate Quote(DateTimeOffset time, decimal? price, long volume, uint quantity, decimal? dayOpen = null, decimal? dayHigh = null, decimal? dayLow = null) => new()
    {
        Instrument = Reliance,
        Kind = MarketUpdateKind.Quote,
        LastTradedPrice = price,
        LastTradeTime = time,
        LastTradedQuantity = quantity,
        Volume = checked((uint)volume),
        DayOpen = dayOpen,
        DayHigh = dayHigh,
        DayLow = dayLow,
    };
}
