using Tarang.Market.Instruments;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Tests;

public sealed class ReplayEngineTests
{
    private static readonly DateOnly Dec24 = new(2025, 12, 24);

    [Theory]
    [InlineData(13u)]
    [InlineData(25u)]
    public void Replay_MinuteMatchesRecordedBarForIndices(uint securityId)
    {
        var key = new InstrumentKey(ExchangeSegment.IdxI, securityId);
        var day = TestData.Engine.GetDay(key, Dec24)!;

        var byMinute = day.Ticks.GroupBy(t => t.Time.AddSeconds(-t.Time.Second)).ToDictionary(g => g.Key, g => g.ToArray());

        Assert.Equal(375, day.Bars.Count);
        foreach (var bar in day.Bars)
        {
            var ticks = byMinute[bar.Start];
            Assert.Equal(12, ticks.Length);
            Assert.Equal(bar.Open, ticks[0].LastPrice);
            Assert.Equal(bar.High, ticks.Max(t => t.LastPrice));
            Assert.Equal(bar.Low, ticks.Min(t => t.LastPrice));
            Assert.Equal(bar.Close, ticks[^1].LastPrice);
        }
    }

    [Fact]
    public void Replay_LastTradeTimeStrictlyIncreasesForSynthesisedTicks()
    {
        var day = TestData.Engine.GetDay(MarketRecording.Reliance, Dec24)!;

        for (var i = 1; i < day.Ticks.Count; i++)
        {
            Assert.True(day.Ticks[i].LastTradeTime > day.Ticks[i - 1].LastTradeTime, $"tick {i}");
        }
    }

    [Fact]
    public void Replay_SpreadsMinuteVolumeOverTicks()
    {
        var day = TestData.Engine.GetDay(MarketRecording.Reliance, Dec24)!;

        foreach (var bar in day.Bars)
        {
            var ticks = day.Ticks.Where(t => t.Time >= bar.Start && t.Time < bar.End).ToArray();
            Assert.Equal(bar.Volume, ticks.Sum(t => t.LastQuantity!.Value));
        }

        Assert.Equal(day.Bars.Sum(b => b.Volume), day.Ticks[^1].Volume);
    }

    [Fact]
    public void Replay_KeepsFifteenMinuteGranularityForTcs()
    {
        var day = TestData.Engine.GetDay(MarketRecording.Tcs, Dec24)!;

        Assert.Equal(25, day.Bars.Count);
        foreach (var bar in day.Bars)
        {
            var ticks = day.Ticks.Where(t => t.Time >= bar.Start && t.Time < bar.End).ToArray();
            Assert.Equal(12 * 15, ticks.Length);
            Assert.Equal(bar.Open, ticks[0].LastPrice);
            Assert.Equal(bar.High, ticks.Max(t => t.LastPrice));
            Assert.Equal(bar.Low, ticks.Min(t => t.LastPrice));
            Assert.Equal(bar.Close, ticks[^1].LastPrice);
        }
    }

    [Fact]
    public void Replay_SendsFuturesTicksAsRecorded()
    {
        var future = TestData.Master.KiteTradingSymbols.Single(p => p.Value == "NIFTY25DECFUT").Key;

        var day = TestData.Engine.GetDay(future, new DateOnly(2025, 12, 29))!;

        Assert.Equal(5837 + 271, day.Ticks.Count);
        Assert.DoesNotContain(day.Ticks, t => t.IsSynthesised);
        var first = day.Ticks.First(t => t.Time == TestData.At(2025, 12, 29, 12, 47));
        Assert.Equal(25978.50m, first.LastPrice);
        Assert.Equal(3332925, first.Volume);
        Assert.Equal(11148150, first.OpenInterest);
        Assert.Equal(25975.60m, first.Depth[0].BidPrice);
        Assert.Equal(3525, first.Depth[4].BidQuantity);
        Assert.Equal(25981.00m, first.Depth[4].AskPrice);
        Assert.Equal(new Replay.PreviousClose(26060.20m, IsRecorded: true), day.PreviousClose);
    }

    [Fact]
    public void Replay_GivesNoTicksWithoutRecording()
    {
        Assert.Null(TestData.Engine.GetDay(MarketRecording.Reliance, new DateOnly(2026, 2, 6)));
        Assert.Null(TestData.Engine.GetDay(MarketRecording.Tcs, new DateOnly(2025, 12, 23)));
    }

    [Fact]
    public void Replay_PreviousCloseIsLastCloseOfPreviousRecordedDay()
    {
        var previousDay = TestData.Recording.Series[MarketRecording.Nifty50].Days.Single(d => d.Date == new DateOnly(2025, 12, 23));

        var day = TestData.Engine.GetDay(MarketRecording.Nifty50, Dec24)!;

        Assert.Equal(new Replay.PreviousClose(previousDay.Bars[^1].Close, IsRecorded: false), day.PreviousClose);
    }

    [Fact]
    public void Replay_PreviousCloseIsAbsentOnFirstRecordedDay()
    {
        Assert.Null(TestData.Engine.GetDay(MarketRecording.Nifty50, new DateOnly(2025, 11, 3))!.PreviousClose);
        Assert.Null(TestData.Engine.GetDay(MarketRecording.Tcs, Dec24)!.PreviousClose);
    }

    [Fact]
    public void Replay_OptionCarriesRecordedQuoteAfterBars()
    {
        var option = TestData.Master.KiteTradingSymbols.Single(p => p.Value == "NIFTY26FEB25100CE").Key;

        var day = TestData.Engine.GetDay(option, new DateOnly(2026, 2, 6))!;
        var quote = day.LatestAt(TestData.At(2026, 2, 6, 10, 47))!;

        Assert.False(quote.IsSynthesised);
        Assert.Equal(567m, quote.LastPrice);
        Assert.Equal(338780, quote.OpenInterest);
        Assert.Equal(565.6m, quote.Depth[0].BidPrice);
        Assert.Equal(65, quote.Depth[0].BidQuantity);
        Assert.Equal(568.1m, quote.Depth[0].AskPrice);
        Assert.Equal(130, quote.Depth[0].AskQuantity);
        Assert.Equal(new Replay.PreviousClose(692.95m, IsRecorded: true), day.PreviousClose);
    }

    [Fact]
    public void Replay_IsTheSameForTheSameSeed()
    {
        var other = new Replay.ReplayEngine(TestData.Recording, TestData.Master.Catalog, Market.Time.NseCalendar.Bundled);

        var first = TestData.Engine.GetDay(MarketRecording.Reliance, Dec24)!.Ticks;
        var second = other.GetDay(MarketRecording.Reliance, Dec24)!.Ticks;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Replay_SynthesisesConfiguredTicksPerMinute()
    {
        var engine = new Replay.ReplayEngine(TestData.Recording, TestData.Master.Catalog, Market.Time.NseCalendar.Bundled, ticksPerMinute: 6);

        var day = engine.GetDay(MarketRecording.BankNifty, Dec24)!;

        Assert.Equal(375 * 6, day.Ticks.Count);
    }

    [Fact]
    public void Replay_ChangesSynthesisedTicksWithSeed()
    {
        var other = new Replay.ReplayEngine(TestData.Recording, TestData.Master.Catalog, Market.Time.NseCalendar.Bundled, seed: 2);

        var first = TestData.Engine.GetDay(MarketRecording.Reliance, Dec24)!.Ticks.Select(t => (t.Time, t.LastPrice));
        var second = other.GetDay(MarketRecording.Reliance, Dec24)!.Ticks.Select(t => (t.Time, t.LastPrice));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Replay_RejectsTooFewTicksPerMinute()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Replay.ReplayEngine(TestData.Recording, TestData.Master.Catalog, Market.Time.NseCalendar.Bundled, ticksPerMinute: 3));
    }

    [Fact]
    public void Recording_CoversTheRecordedDays()
    {
        Assert.Equal(67, TestData.Recording.Series[MarketRecording.Nifty50].Dates.Count);
        Assert.Equal(67, TestData.Recording.Series[MarketRecording.BankNifty].Dates.Count);
        Assert.Equal(41, TestData.Recording.Series[MarketRecording.Reliance].Dates.Count);
        Assert.Equal(2, TestData.Recording.Series[MarketRecording.Tcs].Dates.Count);
        Assert.Equal(84, TestData.Recording.Series.Keys.Count(k => k.Segment == ExchangeSegment.NseFno && k.SecurityId >= 90_001_000));
    }

    [Fact]
    public void Replay_KeepsBoundedNumberOfBuiltDays()
    {
        var engine = new Replay.ReplayEngine(TestData.Recording, TestData.Master.Catalog, Market.Time.NseCalendar.Bundled);
        var dates = TestData.Recording.Series[MarketRecording.Nifty50].Dates.ToArray();

        var first = engine.GetDay(MarketRecording.Nifty50, dates[0]);
        foreach (var date in dates.Skip(1))
        {
            engine.GetDay(MarketRecording.Nifty50, date);
            engine.GetDay(MarketRecording.BankNifty, date);
        }

        Assert.NotSame(first, engine.GetDay(MarketRecording.Nifty50, dates[0]));
        Assert.Same(engine.GetDay(MarketRecording.Nifty50, dates[^1]), engine.GetDay(MarketRecording.Nifty50, dates[^1]));
        Assert.Equal(first!.Ticks, engine.GetDay(MarketRecording.Nifty50, dates[0])!.Ticks);
    }
}
