using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Tests;

public sealed class FeedReplayTests
{
    private static readonly DateOnly Dec24 = new(2025, 12, 24);

    [Fact]
    public async Task Feed_DeliversEverySynthesisedTickWithRecordedMinuteOhlc()
    {
        // 600x: one exchange minute every 100 ms of wall time.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            StartDate = Dec24,
            StartTime = new TimeOnly(9, 0),
            Speed = 600,
        });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        InstrumentKey[] instruments = [MarketRecording.Nifty50, MarketRecording.BankNifty, MarketRecording.Reliance];
        await client.SubscribeAsync(15, instruments);

        var lastMinute = TestData.At(2025, 12, 24, 9, 35);
        await client.ReceiveUntilAsync(
            packets => instruments.All(key => packets.OfType<TickerPacket>().Any(p => p.Instrument == key && Ist.FromFeedTime(p.LastTradeTime) >= lastMinute)),
            TimeSpan.FromSeconds(20));

        var (packetCount, messageCount) = client.Counts();
        Assert.Equal(packetCount, messageCount);
        foreach (var key in instruments)
        {
            var day = TestData.Engine.GetDay(key, Dec24)!;
            var expected = day.Ticks.Where(t => t.Time < lastMinute).Select(t => (Ist.ToFeedTime(t.LastTradeTime), (float)t.LastPrice)).ToArray();
            var received = client.Of<TickerPacket>()
                .Where(p => p.Instrument == key && Ist.FromFeedTime(p.LastTradeTime) < lastMinute)
                .Select(p => (p.LastTradeTime, p.LastTradedPrice))
                .ToArray();
            Assert.Equal(expected, received);

            foreach (var bar in day.Bars.Where(b => b.End <= lastMinute))
            {
                var minute = received.Where(r => Ist.FromFeedTime(r.LastTradeTime) >= bar.Start && Ist.FromFeedTime(r.LastTradeTime) < bar.End).Select(r => r.LastTradedPrice).ToArray();
                Assert.Equal(12, minute.Length);
                Assert.Equal((float)bar.Open, minute[0]);
                Assert.Equal((float)bar.High, minute.Max());
                Assert.Equal((float)bar.Low, minute.Min());
                Assert.Equal((float)bar.Close, minute[^1]);
            }

            var previousClose = Assert.Single(client.Of<PreviousClosePacket>(), p => p.Instrument == key);
            Assert.Equal((float)day.PreviousClose!.Value.Price, previousClose.PreviousClose);
        }
    }

    [Fact]
    public async Task Feed_SendsFuturesTicksAsRecorded()
    {
        var future = TestData.Master.KiteTradingSymbols.Single(p => p.Value == "NIFTY25DECFUT").Key;
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            StartDate = new DateOnly(2025, 12, 29),
            StartTime = new TimeOnly(12, 46, 30),
            Speed = 120,
        });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        await client.SubscribeAsync(21, future);

        var until = TestData.At(2025, 12, 29, 12, 48);
        await client.ReceiveUntilAsync(packets => packets.OfType<FullPacket>().Any(p => Ist.FromFeedTime(p.LastTradeTime) >= until), TimeSpan.FromSeconds(20));

        var day = TestData.Engine.GetDay(future, new DateOnly(2025, 12, 29))!;
        var expected = day.Ticks.Where(t => t.Time >= TestData.At(2025, 12, 29, 12, 47) && t.Time < until).ToArray();
        var received = client.Of<FullPacket>().Skip(1).Take(expected.Length).ToArray();
        Assert.Equal(expected.Length, received.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tick = expected[i];
            var packet = received[i];
            Assert.Equal((float)tick.LastPrice, packet.LastTradedPrice);
            Assert.Equal(Ist.ToFeedTime(tick.LastTradeTime), packet.LastTradeTime);
            Assert.Equal((uint)tick.Volume!.Value, packet.Volume);
            Assert.Equal((uint)tick.OpenInterest!.Value, packet.OpenInterest);
            Assert.Equal((float)tick.AveragePrice!.Value, packet.AverageTradePrice);
            Assert.Equal(26060.20f, packet.DayClose);
            for (var level = 0; level < 5; level++)
            {
                Assert.Equal((float)tick.Depth[level].BidPrice, packet.Depth[level].BidPrice);
                Assert.Equal((uint)tick.Depth[level].BidQuantity, packet.Depth[level].BidQuantity);
                Assert.Equal((float)tick.Depth[level].AskPrice, packet.Depth[level].AskPrice);
                Assert.Equal((ushort)tick.Depth[level].AskOrders, packet.Depth[level].AskOrders);
            }
        }
    }

    [Fact]
    public async Task Feed_SendsPerSecondFuturesSeriesWithOiInQuoteMode()
    {
        var future = TestData.Master.KiteTradingSymbols.Single(p => p.Value == "NIFTY25DECFUT").Key;
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            StartDate = new DateOnly(2025, 12, 29),
            StartTime = new TimeOnly(9, 36, 0),

            // The first recorded tick is at 09:36:44: about 3 s of wall time at 15×, so the
            // subscription is in place before it even on a busy machine.
            Speed = 15,
        });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        await client.SubscribeAsync(17, future);

        var until = TestData.At(2025, 12, 29, 9, 37);
        await client.ReceiveUntilAsync(packets => packets.OfType<QuotePacket>().Any(p => Ist.FromFeedTime(p.LastTradeTime) >= until), TimeSpan.FromSeconds(20));

        var day = TestData.Engine.GetDay(future, new DateOnly(2025, 12, 29))!;
        var expected = day.Ticks.Where(t => t.Time < until).ToArray();
        var quotes = client.Of<QuotePacket>().Where(p => Ist.FromFeedTime(p.LastTradeTime) < until).ToArray();
        var openInterest = client.Of<OpenInterestPacket>().Take(expected.Length).ToArray();
        Assert.Equal(expected.Length, quotes.Length);
        Assert.Equal(expected.Select(t => (float)t.LastPrice), quotes.Select(q => q.LastTradedPrice));
        Assert.Equal(expected.Select(t => (uint)t.Volume!.Value), quotes.Select(q => q.Volume));
        Assert.Equal(expected.Select(t => (uint)t.OpenInterest!.Value), openInterest.Select(p => p.OpenInterest));
    }

    [Fact]
    public async Task Feed_OptionAfter1047CarriesRecordedOiAndTopOfBook()
    {
        var option = TestData.Master.KiteTradingSymbols.Single(p => p.Value == "NIFTY26FEB25100CE").Key;
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        await client.SubscribeAsync(17, option);
        await client.SubscribeAsync(21, option);

        await client.ReceiveUntilAsync(
            packets => packets.OfType<FullPacket>().Any() && packets.OfType<OpenInterestPacket>().Any() && packets.OfType<PreviousClosePacket>().Any(),
            TimeSpan.FromSeconds(10));

        var quote = client.Of<QuotePacket>().First();
        Assert.Equal(567f, quote.LastTradedPrice);
        Assert.Equal(30615u, quote.Volume);
        Assert.Equal(692.95f, quote.DayClose);
        Assert.Equal(338780u, client.Of<OpenInterestPacket>().First().OpenInterest);
        var full = client.Of<FullPacket>().First();
        Assert.Equal(338780u, full.OpenInterest);
        Assert.Equal(338780u, full.OpenInterestDayHigh);
        Assert.Equal(335270u, full.OpenInterestDayLow);
        Assert.Equal(565.6f, full.Depth[0].BidPrice);
        Assert.Equal(65u, full.Depth[0].BidQuantity);
        Assert.Equal(568.1f, full.Depth[0].AskPrice);
        Assert.Equal(130u, full.Depth[0].AskQuantity);
        Assert.Equal(0f, full.Depth[1].BidPrice);
        Assert.Equal(Ist.ToFeedTime(TestData.At(2026, 2, 6, 10, 46, 26)), full.LastTradeTime);
        Assert.Equal(692.95f, Assert.Single(client.Of<PreviousClosePacket>()).PreviousClose);
    }

    [Fact]
    public async Task Feed_SendsNothingForInstrumentWithoutRecordingThatDay()
    {
        // RELIANCE is recorded up to 2025-12-26 only; the default day is 2026-02-06.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Speed = 60 });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        await client.SubscribeAsync(21, MarketRecording.Reliance);
        await client.SubscribeAsync(15, MarketRecording.Nifty50);

        await client.ReceiveUntilAsync(p => p.OfType<TickerPacket>().Count() > 5, TimeSpan.FromSeconds(10));

        Assert.DoesNotContain(client.Packets, p => p is FullPacket or PreviousClosePacket { Instrument.SecurityId: 2885 });
        Assert.NotEmpty(client.Of<TickerPacket>());
    }

    [Fact]
    public async Task Feed_RestartsFirstDayInNewEpochAfterLastDay()
    {
        var dec26 = new DateOnly(2025, 12, 26);
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Days = [Dec24, dec26],
            StartDate = dec26,
            StartTime = new TimeOnly(15, 25),
            Speed = 600,
        });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        await client.SubscribeAsync(15, MarketRecording.Nifty50);

        await client.ReceiveUntilAsync(
            packets => packets.OfType<TickerPacket>().Any(p => Ist.DateOf(Ist.FromFeedTime(p.LastTradeTime)) == Dec24),
            TimeSpan.FromSeconds(20));

        var dates = client.Of<TickerPacket>().Select(p => Ist.DateOf(Ist.FromFeedTime(p.LastTradeTime))).Distinct().ToArray();
        Assert.Equal([dec26, Dec24], dates);
        Assert.Equal(2, simulator.ExchangeClock.Epoch);
        Assert.Equal(TestData.At(2025, 12, 24, 9, 15), client.Of<TickerPacket>().Select(p => Ist.FromFeedTime(p.LastTradeTime)).First(t => Ist.DateOf(t) == Dec24));
    }

    [Fact]
    public async Task Feed_CrossesCloseIntoNextDaysPreOpen()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Days = [Dec24, new DateOnly(2025, 12, 26)],
            StartDate = Dec24,
            StartTime = new TimeOnly(15, 29),
            Speed = 600,
        });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        await client.SubscribeAsync(15, MarketRecording.Nifty50);

        await client.ReceiveUntilAsync(
            packets => packets.OfType<TickerPacket>().Any(p => Ist.DateOf(Ist.FromFeedTime(p.LastTradeTime)) == new DateOnly(2025, 12, 26)),
            TimeSpan.FromSeconds(20));

        var times = client.Of<TickerPacket>().Select(p => Ist.FromFeedTime(p.LastTradeTime)).ToArray();
        Assert.Contains(times, t => t.Date == Dec24.ToDateTime(TimeOnly.MinValue) && Ist.TimeOf(t) >= new TimeOnly(15, 29));
        var firstNextDay = times.First(t => Ist.DateOf(t) == new DateOnly(2025, 12, 26));
        Assert.Equal(TestData.At(2025, 12, 26, 9, 15), firstNextDay);
        Assert.Equal(2, client.Of<PreviousClosePacket>().Count());
        Assert.Equal(times.Order().ToArray(), times);
    }
}
