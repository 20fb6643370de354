using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;
using Tarang.Server.Candles;
using Tarang.Server.Feed;
using Tarang.Server.Options;
using Tarang.Server.Services;

namespace Tarang.Server.Tests;

/// <summary>The candle store's day roll, eviction and gaps, driven by a replay or plain exchange clock on fake wall time.</summary>
public class CandleStoreTests
{
    private static readonly DateOnly Day = new(2025, 12, 24);
    private static readonly DateOnly NextDay = new(2025, 12, 26);
    private static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);
    private static readonly InstrumentKey Tcs = new(ExchangeSegment.NseEq, 11536);
    private static readonly InstrumentKey Infy = new(ExchangeSegment.NseEq, 1594);

    [Fact]
    public void Store_RollsAtReplayDateChange()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        using var clock = Replay(wall, [Day, NextDay], new TimeOnly(15, 29));
        var store = NewStore(clock);

        Trade(store, Reliance, Ist.At(Day, new TimeOnly(15, 29, 10)), 1560m, 100);
        var before = store.Read(Reliance);
        wall.Advance(TimeSpan.FromMinutes(17));
        var after = store.Read(Reliance);

        Assert.Single(before.Candles);
        Assert.Equal(Day, before.Day.Date);
        Assert.Equal(NextDay, after.Day.Date);
        Assert.Empty(after.Candles);
        Assert.False(after.IsTracked);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Store_RollsAtNewEpochOnSameDate()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        using var clock = Replay(wall, [Day], new TimeOnly(15, 29));
        var store = NewStore(clock);
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(15, 29, 10)), 1560m, 100);

        wall.Advance(TimeSpan.FromMinutes(17 + 15));
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 15)), 1572.7m, 50);

        var candles = store.Read(Reliance);
        Assert.Equal(new ExchangeDay(Day, 2), candles.Day);
        Assert.Equal(Ist.At(Day, new TimeOnly(9, 15)), Assert.Single(candles.Candles).Start);
        Assert.Equal(50, candles.Candles[0].Volume);
    }

    [Fact]
    public void Store_RollsAtIstMidnightWithPlainClock()
    {
        var clock = new FakeTimeProvider(Ist.At(Day, new TimeOnly(15, 0)));
        var store = NewStore(clock);
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(14, 59, 30)), 1560m, 100);

        clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(59));
        var lateEvening = store.Read(Reliance);
        clock.Advance(TimeSpan.FromMinutes(2));
        var nextDate = store.Read(Reliance);

        Assert.Single(lateEvening.Candles);
        Assert.Equal(new ExchangeDay(Day.AddDays(1), 0), nextDate.Day);
        Assert.Empty(nextDate.Candles);
    }

    [Fact]
    public void Store_IgnoresEarlierDaySnapshot()
    {
        var clock = new FakeTimeProvider(Ist.At(NextDay, new TimeOnly(9, 5)));
        var store = NewStore(clock);

        Trade(store, Reliance, Ist.At(Day, new TimeOnly(15, 29, 59)), 1560.9m, 5_000_000);

        Assert.Equal(0, store.Count);
        Assert.Equal(NextDay, store.Day?.Date);
    }

    [Fact]
    public void Store_EvictsLeastRecentlyUsed()
    {
        var clock = new FakeTimeProvider(Ist.At(Day, new TimeOnly(10, 0)));
        var store = NewStore(clock, maxInstruments: 2);
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 30)), 1560m, 100);
        Trade(store, Tcs, Ist.At(Day, new TimeOnly(9, 31)), 3300m, 100);

        store.Read(Reliance);
        Trade(store, Infy, Ist.At(Day, new TimeOnly(9, 32)), 1600m, 100);

        Assert.Equal(2, store.Count);
        Assert.True(store.Read(Reliance).IsTracked);
        Assert.True(store.Read(Infy).IsTracked);
        Assert.False(store.Read(Tcs).IsTracked);
    }

    [Fact]
    public void Store_MarksGapWhenInstrumentHeldAgain()
    {
        var clock = new FakeTimeProvider(Ist.At(Day, new TimeOnly(10, 0)));
        var store = NewStore(clock);
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 20, 10)), 1560m, 1_000, updates: 5);
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 21, 10)), 1561m, 1_100, updates: 6);
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 22, 10)), 1562m, 1_200, updates: 7);
        var beforeRelease = store.Read(Reliance).Candles;

        // Released and held again: the latest values restart their count at 1.
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 25, 10)), 1565m, 2_000, updates: 1);

        var candles = store.Read(Reliance).Candles;
        Assert.False(beforeRelease[2].IsPartial);
        Assert.False(candles[1].IsPartial);
        Assert.True(candles[2].IsPartial);
        Assert.True(candles[3].IsPartial);
    }

    [Fact]
    public void Store_MarksGapWhenFeedDrops()
    {
        var clock = new FakeTimeProvider(Ist.At(Day, new TimeOnly(10, 0)));
        var store = NewStore(clock);
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 20, 10)), 1560m, 1_000);

        store.MarkGap();
        Trade(store, Reliance, Ist.At(Day, new TimeOnly(9, 22, 10)), 1565m, 2_000, updates: 2);

        Assert.True(store.Read(Reliance).Candles[1].IsPartial);
    }

    private static ReplayClock Replay(TimeProvider wall, IReadOnlyList<DateOnly> days, TimeOnly start) =>
        new(new ReplayClockOptions { Days = days, StartDate = days[0], StartTime = start }, NseCalendar.Bundled, wall);

    private static CandleStore NewStore(TimeProvider exchangeClock, int maxInstruments = CandleOptions.DefaultMaxInstruments)
    {
        var referenceData = new MarketReferenceData(
            Microsoft.Extensions.Options.Options.Create(new InstrumentsOptions()),
            Microsoft.Extensions.Options.Options.Create(new CalendarOptions()),
            TimeProvider.System,
            NullLogger<MarketReferenceData>.Instance);
        return new CandleStore(
            Microsoft.Extensions.Options.Options.Create(new CandleOptions { MaxInstruments = maxInstruments }),
            referenceData,
            exchangeClock,
            NullLogger<CandleStore>.Instance);
    }

    private static void Trade(CandleStore store, InstrumentKey instrument, DateTimeOffset time, decimal price, uint volume, long updates = 10)
    {
        var update = new MarketUpdate
        {
            Instrument = instrument,
            Kind = MarketUpdateKind.Quote,
            LastTradedPrice = price,
            LastTradeTime = time,
            LastTradedQuantity = 1,
            Volume = volume,
        };
        store.OnStateChanged(update, new LatestValue { Values = update, ReceivedAt = DateTimeOffset.UnixEpoch, Updates = updates, IsStale = false });
    }
}
