using Microsoft.Extensions.DependencyInjection;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Services;

namespace Tarang.Server.Tests;

/// <summary>Reference counting of upstream subscriptions through the subscription API, checked at the simulator.</summary>
public class MarketSubscriptionsTests
{
    private const string BankNifty = "IDX_I:25";

    // BANKNIFTY has recorded bars on the replayed day, so it gets ticks; at 30x about six a second.
    private static readonly InstrumentKey BankNiftyKey = new(ExchangeSegment.IdxI, 25);

    [Fact]
    public async Task SharedInstrument_SubscribedOnceUnsubscribedOnce()
    {
        await using var server = await StartAsync();
        using var kit = new FeedTestKit(server);
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        var latest = server.Services.GetRequiredService<LatestValues>();
        var (first, firstUser) = await AuthClient.RegisterAsync(server.Client, "first@example.com");
        var (second, secondUser) = await AuthClient.RegisterAsync(server.Client, "second@example.com");

        subscriptions.Hold(MarketHolder.ForSession(await kit.SessionOfAsync(firstUser)), [BankNiftyKey], FeedMode.Quote);
        subscriptions.Hold(MarketHolder.ForSession(await kit.SessionOfAsync(secondUser)), [BankNiftyKey], FeedMode.Quote);
        await WaitForUpdatesAsync(latest, 2);
        Assert.Equal(2, Assert.Single(subscriptions.GetSubscriptions(), s => s.Instrument == BankNiftyKey).Holders);

        await kit.LogoutAsync(first);
        var afterFirstLeft = Updates(latest);
        await WaitForUpdatesAsync(latest, afterFirstLeft + 3);
        Assert.Equal(1, (await kit.RequestsAsync("subscribes", BankNifty, "Quote")).Count);
        Assert.Equal(0, (await kit.RequestsAsync("unsubscribes", BankNifty, "Quote")).Count);

        await kit.LogoutAsync(second);
        await FeedTestKit.EventuallyAsync(
            async () => (await kit.RequestsAsync("unsubscribes", BankNifty, "Quote")).Count > 0, "BANKNIFTY was not unsubscribed after both users left");
        await Task.Delay(200);
        Assert.Equal(1, (await kit.RequestsAsync("unsubscribes", BankNifty, "Quote")).Count);
        Assert.Equal(1, (await kit.RequestsAsync("subscribes", BankNifty, "Quote")).Count);
        Assert.DoesNotContain(subscriptions.GetSubscriptions(), s => s.Instrument == BankNiftyKey);
        Assert.False(latest.TryGet(BankNiftyKey, out _));
    }

    [Fact]
    public async Task ModeDowngrade_SubscribesLowerModeFirst()
    {
        await using var server = await StartAsync();
        using var kit = new FeedTestKit(server);
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        var latest = server.Services.GetRequiredService<LatestValues>();
        var (full, fullUser) = await AuthClient.RegisterAsync(server.Client, "full@example.com");
        var (_, tickerUser) = await AuthClient.RegisterAsync(server.Client, "ticker@example.com");

        subscriptions.Hold(MarketHolder.ForSession(await kit.SessionOfAsync(fullUser)), [BankNiftyKey], FeedMode.Full);
        subscriptions.Hold(MarketHolder.ForSession(await kit.SessionOfAsync(tickerUser)), [BankNiftyKey], FeedMode.Ticker);
        await WaitForUpdatesAsync(latest, 2);
        Assert.Equal(FeedMode.Full, Assert.Single(subscriptions.GetSubscriptions(), s => s.Instrument == BankNiftyKey).Mode);
        Assert.Equal(0, (await kit.RequestsAsync("subscribes", BankNifty, "Ticker")).Count);

        await kit.LogoutAsync(full);
        await FeedTestKit.EventuallyAsync(
            async () => (await kit.RequestsAsync("unsubscribes", BankNifty, "Full")).Count > 0, "Full mode was not unsubscribed after its holder left");
        var tickerSubscribe = await kit.RequestsAsync("subscribes", BankNifty, "Ticker");
        var fullUnsubscribe = await kit.RequestsAsync("unsubscribes", BankNifty, "Full");
        Assert.Equal(1, tickerSubscribe.Count);
        Assert.True(tickerSubscribe.FirstSequence < fullUnsubscribe.FirstSequence, "Ticker was subscribed after full was unsubscribed, so updates could be lost between them.");

        var afterDowngrade = Updates(latest);
        await WaitForUpdatesAsync(latest, afterDowngrade + 3);
        Assert.True(latest.TryGet(BankNiftyKey, out var value));
        Assert.Equal(MarketUpdateKind.Ticker, value.Values.Kind);
        Assert.Equal(FeedMode.Ticker, Assert.Single(subscriptions.GetSubscriptions(), s => s.Instrument == BankNiftyKey).Mode);
    }

    [Fact]
    public async Task DefaultUniverse_SubscribedOnceForManyUsers()
    {
        await using var server = await StartAsync();
        using var kit = new FeedTestKit(server);
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add((await AuthClient.RegisterAsync(server.Client, $"user{i}@example.com")).Token);
        }

        await FeedTestKit.EventuallyAsync(
            async () => (await kit.RequestsAsync("subscribes", "IDX_I:13", "Quote")).Count > 0, "The default universe was not subscribed");
        await kit.LogoutAsync(tokens[0]);
        tokens.Add(await AuthClient.LoginTokenAsync(server.Client, "user0@example.com"));
        await Task.Delay(300);

        Assert.Equal(1, (await kit.RequestsAsync("subscribes", "IDX_I:13", "Quote")).Count);
        Assert.Equal(0, (await kit.RequestsAsync("unsubscribes", "IDX_I:13", "Quote")).Count);
        var universe = Assert.Single(server.Services.GetRequiredService<MarketSubscriptions>().GetSubscriptions());
        Assert.Equal(1, universe.Holders);
    }

    [Fact]
    public async Task StandardUniverse_ResolvesToTwelveInstruments()
    {
        await using var server = await LoopbackServer.StartAsync();
        var catalog = server.Services.GetRequiredService<MarketReferenceData>().Catalog;

        var keys = DefaultUniverse.Resolve(catalog, FeedSupervisorOptions.StandardUniverse, out var unresolved);

        Assert.Empty(unresolved);
        string[] expected =
        [
            "IDX_I:13", "IDX_I:25", "IDX_I:27", "IDX_I:442", "IDX_I:51", "IDX_I:21",
            "NSE_EQ:2885", "NSE_EQ:1333", "NSE_EQ:1594", "NSE_EQ:11536", "NSE_EQ:4963", "NSE_EQ:3045",
        ];
        Assert.Equal(expected, keys.Select(k => k.ToString()));
    }

    [Fact]
    public async Task Hold_RejectsUnknownInstrument()
    {
        await using var server = await LoopbackServer.StartAsync();
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        var unknown = new InstrumentKey(ExchangeSegment.NseEq, 999_999_999);

        var error = Assert.Throws<UnknownInstrumentsException>(
            () => subscriptions.Hold(MarketHolder.ForSession(Guid.NewGuid()), [BankNiftyKey, unknown], FeedMode.Quote));

        Assert.Equal([unknown], error.Instruments);
        Assert.Contains("NSE_EQ:999999999", error.Message, StringComparison.Ordinal);
        Assert.Empty(subscriptions.GetSubscriptions());
    }

    [Fact]
    public async Task Hold_OverCapacityChangesNothing()
    {
        await using var server = await LoopbackServer.StartAsync("--Feed:MaxConnections=1");
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        var catalog = server.Services.GetRequiredService<MarketReferenceData>().Catalog;
        var holder = MarketHolder.ForSession(Guid.NewGuid());
        subscriptions.Hold(holder, [BankNiftyKey], FeedMode.Full);
        var many = catalog.Instruments.Select(i => i.Key).Where(k => k != BankNiftyKey).Take(FeedOptions.MaxSubscriptionsPerConnection).ToList();

        var error = Assert.Throws<FeedCapacityExceededException>(() => subscriptions.Hold(holder, many, FeedMode.Ticker));

        Assert.Equal(FeedOptions.MaxSubscriptionsPerConnection, error.Capacity);
        Assert.Equal(FeedMode.Full, Assert.Single(subscriptions.GetHoldings(holder)).Value);
        Assert.Single(subscriptions.GetSubscriptions());
        Assert.Equal(1, server.Services.GetRequiredService<DhanFeed>().GetStatus().Desired);
    }

    private static Task<LoopbackServer> StartAsync() =>
        LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", "--Simulator:Speed=30");

    private static long Updates(LatestValues latest) => latest.TryGet(BankNiftyKey, out var value) ? value.Updates : 0;

    private static Task WaitForUpdatesAsync(LatestValues latest, long count) =>
        FeedTestKit.EventuallyAsync(() => Updates(latest) >= count, $"BANKNIFTY did not reach {count} updates");
}
