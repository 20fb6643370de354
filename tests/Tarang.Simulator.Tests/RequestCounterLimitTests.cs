using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Simulator.Feed;

namespace Tarang.Simulator.Tests;

/// <summary>The simulator's request counters keep a bounded number of (instrument, mode) pairs.</summary>
public sealed class RequestCounterLimitTests
{
    [Fact]
    public void Counters_StayAtMaxEntries()
    {
        var counters = new FeedRequestCounters(maxEntries: 50);
        for (uint batch = 0; batch < 20; batch++)
        {
            var instruments = Enumerable.Range(0, 100).Select(i => new InstrumentKey(ExchangeSegment.NseEq, (batch * 100) + (uint)i)).ToList();
            counters.Record(new FeedRequest(FeedRequestCode.SubscribeQuote, FeedMode.Quote, IsSubscribe: true, instruments));
        }

        Assert.Equal(50, counters.Subscribes.Count);
        Assert.Equal((20 * 100) - 50, counters.Untracked);
    }

    [Fact]
    public void Counters_KeepCountingTrackedPairs()
    {
        var counters = new FeedRequestCounters(maxEntries: 2);
        var tracked = new InstrumentKey(ExchangeSegment.NseEq, 1);
        var other = new InstrumentKey(ExchangeSegment.NseEq, 2);
        var late = new InstrumentKey(ExchangeSegment.NseEq, 3);

        counters.Record(new FeedRequest(FeedRequestCode.SubscribeQuote, FeedMode.Quote, IsSubscribe: true, [tracked, other]));
        counters.Record(new FeedRequest(FeedRequestCode.SubscribeQuote, FeedMode.Quote, IsSubscribe: true, [late, tracked]));

        Assert.Equal(2, counters.Subscribes.Single(c => c.Instrument == tracked).Count);
        Assert.DoesNotContain(counters.Subscribes, c => c.Instrument == late);
        Assert.Equal(1, counters.Untracked);
    }
}
