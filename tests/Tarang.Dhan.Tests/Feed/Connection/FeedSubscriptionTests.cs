using Tarang.Dhan.Feed;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedSubscriptionTests
{
    private static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);

    [Fact]
    public async Task Feed_SubscribesAndDeliversDecodedUpdates()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        harness.Feed.Subscribe([Reliance], FeedMode.Ticker);
        var request = await connection.NextRequestAsync();
        await connection.SendTickerAsync(Reliance, 1412.35f, Ist.ToFeedTime(FeedHarness.MarketOpen));
        await TestWait.UntilAsync(() => harness.Sink.Updates.Count == 1, "the ticker is delivered");

        Assert.Equal(FeedHarness.Token, connection.Token);
        Assert.Equal(FeedHarness.ClientId, connection.ClientId);
        Assert.Equal((int)FeedRequestCode.SubscribeTicker, request.Code);
        Assert.Equal([Reliance], request.Instruments);
        var update = harness.Sink.Updates[0];
        Assert.Equal(Reliance, update.Instrument);
        Assert.Equal(1412.35m, update.LastTradedPrice);
        Assert.Equal(FeedHarness.MarketOpen, update.LastTradeTime);
        Assert.Equal(FeedSubscriptionState.Subscribed, harness.Feed.GetSubscriptionState(new(Reliance, FeedMode.Ticker)));
        Assert.Equal(FeedState.Live, harness.State);
    }

    [Fact]
    public async Task Feed_SendsUrlQueryAsDhanDefines()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        await server.AcceptAsync();

        Assert.Equal($"?version=2&token={FeedHarness.Token}&clientId={FeedHarness.ClientId}&authType=2", Assert.Single(server.QueryStrings));
    }

    [Fact]
    public async Task Subscribe_250InstrumentsGoOutAs100And100And50()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(250);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        harness.Feed.Subscribe(instruments, FeedMode.Full);
        var batches = await connection.ReadUntilInstrumentsAsync((int)FeedRequestCode.SubscribeFull, 250);

        Assert.Equal([100, 100, 50], batches.Select(b => b.Instruments.Count));
        Assert.All(batches, b => Assert.Equal((int)FeedRequestCode.SubscribeFull, b.Code));
        Assert.All(batches, b => Assert.Equal(b.Instruments.Count, b.DeclaredCount));
        Assert.Equal(instruments.ToHashSet(), batches.SelectMany(b => b.Instruments).ToHashSet());
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == 250, "all 250 are subscribed");
        Assert.Equal(0, harness.Feed.GetStatus().Pending);
    }

    [Fact]
    public async Task Subscribe_StaysPendingUntilSent()
    {
        await using var server = await FeedTestServer.StartAsync();
        var release = new TaskCompletionSource();
        server.HoldUpgrade = release.Task;
        await using var harness = FeedHarness.Create(server.Url);
        var subscription = new FeedSubscription(new InstrumentKey(ExchangeSegment.BseFno, 1_100_123), FeedMode.Ticker);

        await harness.Feed.StartAsync();
        await TestWait.UntilAsync(() => server.UpgradeRequests == 1, "the upgrade request reaches the server");
        harness.Feed.ChangeSubscriptions([subscription], []);

        Assert.Equal(FeedSubscriptionState.Pending, harness.Feed.GetSubscriptionState(subscription));
        Assert.Equal(1, harness.Feed.GetStatus().Pending);
        Assert.Equal(FeedState.Connecting, harness.State);

        release.SetResult();
        var connection = await server.AcceptAsync();
        var request = await connection.NextRequestAsync();
        await TestWait.UntilAsync(() => harness.Feed.GetSubscriptionState(subscription) == FeedSubscriptionState.Subscribed, "the subscription is sent");

        Assert.Equal([subscription.Instrument], request.Instruments);
        await Task.Delay(100);
        Assert.False(connection.TryTakeRequest(out _), "The subscription went out more than once.");
    }

    [Fact]
    public async Task Subscribe_TwiceSendsOnce()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        harness.Feed.Subscribe([Reliance], FeedMode.Quote);
        harness.Feed.Subscribe([Reliance], FeedMode.Quote);
        await connection.NextRequestAsync();
        await Task.Delay(100);

        Assert.False(connection.TryTakeRequest(out _), "A held pair was requested again.");
        Assert.Equal(1, harness.Feed.GetStatus().Desired);
    }

    [Fact]
    public async Task ModeChange_SubscribesLowerBeforeUnsubscribingHigher()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var full = new FeedSubscription(Reliance, FeedMode.Full);
        var ticker = new FeedSubscription(Reliance, FeedMode.Ticker);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        harness.Feed.ChangeSubscriptions([full], []);
        await connection.NextRequestAsync();
        await TestWait.UntilAsync(() => harness.Feed.GetSubscriptionState(full) == FeedSubscriptionState.Subscribed, "full is subscribed");

        // The caller hands over the removal first; the feed still subscribes ticker first.
        harness.Feed.ChangeSubscriptions(add: [ticker], remove: [full]);
        var first = await connection.NextRequestAsync();
        var second = await connection.NextRequestAsync();

        Assert.Equal((int)FeedRequestCode.SubscribeTicker, first.Code);
        Assert.Equal((int)FeedRequestCode.UnsubscribeFull, second.Code);
        Assert.Equal([Reliance], second.Instruments);
        await TestWait.UntilAsync(() => harness.Feed.GetSubscriptionState(full) == FeedSubscriptionState.None, "full is gone");
        Assert.Equal(FeedSubscriptionState.Subscribed, harness.Feed.GetSubscriptionState(ticker));
    }

    [Fact]
    public async Task Message_SplitIntoTwoFramesDecodesOnce()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var future = new InstrumentKey(ExchangeSegment.NseFno, 52168);
        var bytes = new byte[FeedPacketLayout.FullSize];
        FeedPacketEncoder.Write(new FullPacket { Instrument = future, LastTradedPrice = 25978.5f, Volume = 1234 }, bytes);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        await connection.SendAsync(bytes.AsMemory(0, 100), endOfMessage: false);
        await connection.SendAsync(bytes.AsMemory(100, 62), endOfMessage: true);
        await TestWait.UntilAsync(() => harness.Sink.Updates.Count == 1, "the full packet is delivered");
        await Task.Delay(50);

        var update = Assert.Single(harness.Sink.Updates);
        Assert.Equal(MarketUpdateKind.Full, update.Kind);
        Assert.Equal(25978.5m, update.LastTradedPrice);
        Assert.Equal(1234u, update.Volume);
        Assert.Equal(1, harness.Feed.DecodeCounters.Messages);
        Assert.Equal(0, harness.Feed.DecodeCounters.FaultCount(FeedDecodeFault.TruncatedPacket));
    }

    [Fact]
    public async Task Stop_SendsDisconnectRequestAndCloses()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        harness.Feed.Subscribe([Reliance], FeedMode.Ticker);
        await connection.NextRequestAsync();
        using var cancellation = new CancellationTokenSource(TestWait.Timeout);
        await harness.Feed.StopAsync(cancellation.Token);
        var request = await connection.NextRequestAsync();

        Assert.Equal("""{"RequestCode":12}""", request.Json);
        await connection.Closed.WaitAsync(TestWait.Timeout);
        Assert.Equal(FeedState.Idle, harness.State);
        Assert.Contains(FeedState.Stopping, harness.States);
        Assert.Equal(0, harness.Feed.Counters.OpenSockets);
    }

    [Fact]
    public async Task Start_CalledConcurrentlyOpensOneSocket()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => harness.Feed.StartAsync())));
        await server.AcceptAsync();
        await harness.WaitForStateAsync(FeedState.Live);
        await Task.Delay(100);

        Assert.Equal(1, server.UpgradeRequests);
        Assert.Equal(1, harness.Feed.Counters.MaxConnectsInFlight);
    }

    [Fact]
    public async Task Feed_DoesNotConnectBeforeStart()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        harness.Feed.Subscribe([Reliance], FeedMode.Ticker);
        await Task.Delay(100);

        Assert.Equal(0, server.UpgradeRequests);
        Assert.Equal(FeedState.Idle, harness.State);
        Assert.Equal(FeedSubscriptionState.Pending, harness.Feed.GetSubscriptionState(new(Reliance, FeedMode.Ticker)));
    }
}
