using Tarang.Dhan.Feed;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedPoolTests
{
    [Fact]
    public async Task Pool_OpensSecondSocketPastCapacity()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, settings => settings["Feed:MaxConnections"] = "2");
        var instruments = FeedHarness.Instruments(FeedOptions.MaxSubscriptionsPerConnection + 1);

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        harness.Feed.Subscribe(instruments[..FeedOptions.MaxSubscriptionsPerConnection], FeedMode.Ticker);
        await first.ReadUntilInstrumentsAsync((int)FeedRequestCode.SubscribeTicker, FeedOptions.MaxSubscriptionsPerConnection);
        await Task.Delay(50);

        Assert.Equal(1, server.UpgradeRequests);

        harness.Feed.Subscribe([instruments[^1]], FeedMode.Ticker);
        var second = await server.AcceptAsync();
        var request = await second.NextRequestAsync();
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == instruments.Count, "both sockets are subscribed");

        Assert.Equal([instruments[^1]], request.Instruments);
        var status = harness.Feed.GetStatus();
        Assert.Equal([FeedOptions.MaxSubscriptionsPerConnection, 1], status.Connections.Select(c => c.Desired));
        Assert.All(status.Connections, c => Assert.Equal(FeedState.Live, c.State));
        Assert.Equal(2, harness.Feed.Counters.OpenSockets);
    }

    [Fact]
    public async Task Pool_ClosesEmptiedSecondSocketAndReopens()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, settings => settings["Feed:MaxConnections"] = "2");
        var instruments = FeedHarness.Instruments(FeedOptions.MaxSubscriptionsPerConnection + 2);
        harness.Feed.Subscribe(instruments[..(FeedOptions.MaxSubscriptionsPerConnection + 1)], FeedMode.Ticker);

        await harness.Feed.StartAsync();
        var accepted = new[] { await server.AcceptAsync(), await server.AcceptAsync() };
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == FeedOptions.MaxSubscriptionsPerConnection + 1, "both sockets are subscribed");
        await TestWait.UntilAsync(() => accepted.Sum(c => c.ReceivedInstruments) == FeedOptions.MaxSubscriptionsPerConnection + 1, "the server has every request");

        // Both slots start together, so either may connect first: the second slot carries one pair.
        var second = accepted.Single(c => c.ReceivedInstruments == 1);
        var first = accepted.Single(c => c != second);
        var secondSocketPair = second.Received.Single().Instruments.Single();
        while (second.TryTakeRequest(out _))
        {
        }

        harness.Feed.Unsubscribe([secondSocketPair], FeedMode.Ticker);
        var unsubscribe = await second.NextRequestAsync();
        var disconnect = await second.NextRequestAsync();
        await second.Closed.WaitAsync(TestWait.Timeout);
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Connections[1].State == FeedState.Idle, "the second slot is idle");

        Assert.Equal((int)FeedRequestCode.UnsubscribeTicker, unsubscribe.Code);
        Assert.Equal((int)FeedRequestCode.Disconnect, disconnect.Code);
        Assert.Equal(FeedState.Live, harness.State);
        Assert.Equal(1, harness.Feed.Counters.OpenSockets);
        Assert.False(first.Closed.IsCompleted);

        harness.Feed.Subscribe([instruments[^1]], FeedMode.Ticker);
        var third = await server.AcceptAsync();
        var request = await third.NextRequestAsync();

        Assert.Equal([instruments[^1]], request.Instruments);
        Assert.Equal(3, server.UpgradeRequests);
    }

    [Fact]
    public async Task Pool_RejectsPastCapacityWithOneSocket()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(FeedOptions.MaxSubscriptionsPerConnection + 1);
        harness.Feed.Subscribe(instruments[..FeedOptions.MaxSubscriptionsPerConnection], FeedMode.Ticker);

        var rejected = Assert.Throws<FeedCapacityExceededException>(() => harness.Feed.Subscribe([instruments[^1]], FeedMode.Ticker));

        Assert.Contains("Feed:MaxConnections", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(FeedOptions.MaxSubscriptionsPerConnection, rejected.Held);
        Assert.Equal(FeedOptions.MaxSubscriptionsPerConnection, rejected.Capacity);
        Assert.Equal(FeedSubscriptionState.None, harness.Feed.GetSubscriptionState(new(instruments[^1], FeedMode.Ticker)));
        Assert.Equal(FeedOptions.MaxSubscriptionsPerConnection, harness.Feed.GetStatus().Desired);
    }

    [Fact]
    public async Task Pool_RejectsWholeRequestThatDoesNotFit()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(FeedOptions.MaxSubscriptionsPerConnection - 1);
        harness.Feed.Subscribe(instruments, FeedMode.Ticker);
        var extra = FeedHarness.Instruments(2, ExchangeSegment.NseEq, 1);

        Assert.Throws<FeedCapacityExceededException>(() => harness.Feed.Subscribe(extra, FeedMode.Ticker));

        Assert.Equal(FeedOptions.MaxSubscriptionsPerConnection - 1, harness.Feed.GetStatus().Desired);
    }

    [Fact]
    public async Task Pool_CountsEachModeAsOneSubscription()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(FeedOptions.MaxSubscriptionsPerConnection / 2);
        harness.Feed.Subscribe(instruments, FeedMode.Ticker);
        harness.Feed.Subscribe(instruments, FeedMode.Full);

        Assert.Throws<FeedCapacityExceededException>(() => harness.Feed.Subscribe([instruments[0]], FeedMode.Quote));
    }

    [Fact]
    public async Task UnsubscribeAll_SendsUnsubscribesAndEmptiesSet()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(120);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        harness.Feed.Subscribe(instruments, FeedMode.Full);
        await connection.ReadUntilInstrumentsAsync((int)FeedRequestCode.SubscribeFull, 120);
        harness.Feed.UnsubscribeAll();
        var unsubscribes = await connection.ReadUntilInstrumentsAsync((int)FeedRequestCode.UnsubscribeFull, 120);

        Assert.Equal(instruments.ToHashSet(), unsubscribes.SelectMany(r => r.Instruments).ToHashSet());
        Assert.Equal(0, harness.Feed.GetStatus().Desired);
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == 0, "nothing is subscribed");
    }

    [Fact]
    public async Task Subscribe_RejectsUndefinedMode()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Feed.Subscribe(FeedHarness.Instruments(1), (FeedMode)0));

        Assert.Equal(0, harness.Feed.GetStatus().Desired);
    }

    [Fact]
    public async Task Unsubscribe_FreesRoomForNewPairs()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(FeedOptions.MaxSubscriptionsPerConnection);
        var other = new InstrumentKey(ExchangeSegment.NseEq, 1);
        harness.Feed.Subscribe(instruments, FeedMode.Ticker);

        harness.Feed.ChangeSubscriptions([new(other, FeedMode.Ticker)], [new(instruments[0], FeedMode.Ticker)]);

        Assert.Equal(FeedSubscriptionState.Pending, harness.Feed.GetSubscriptionState(new(other, FeedMode.Ticker)));
        Assert.Equal(FeedOptions.MaxSubscriptionsPerConnection, harness.Feed.GetStatus().Desired);
    }
}
