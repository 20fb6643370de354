using Microsoft.Extensions.DependencyInjection;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;

namespace Tarang.Server.Tests;

/// <summary>The latest-values cache: kept and flagged stale on a drop, released when demand ends.</summary>
public class LatestValuesTests
{
    private static readonly InstrumentKey BankNifty = new(ExchangeSegment.IdxI, 25);

    [Fact]
    public async Task Cache_KeptStaleWhileFeedIsDown()
    {
        await using var server = await LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", "--Simulator:Speed=30");
        using var kit = new FeedTestKit(server);
        var latest = server.Services.GetRequiredService<LatestValues>();
        var (_, userId) = await AuthClient.RegisterAsync(server.Client, "stale@example.com");
        server.Services.GetRequiredService<MarketSubscriptions>().Hold(MarketHolder.ForSession(await kit.SessionOfAsync(userId)), [BankNifty], FeedMode.Quote);
        await FeedTestKit.EventuallyAsync(() => latest.TryGet(BankNifty, out _), "BANKNIFTY got no update");

        await kit.DropConnectionsAsync();
        await FeedTestKit.EventuallyAsync(() => latest.IsStale, "The cache was not flagged stale after the drop");
        Assert.True(latest.TryGet(BankNifty, out var kept));
        Assert.True(kept.IsStale);
        Assert.NotNull(kept.Values.LastTradedPrice);

        await FeedTestKit.EventuallyAsync(() => !latest.IsStale, "The cache stayed stale after the feed was live again");
        await FeedTestKit.EventuallyAsync(
            () => latest.TryGet(BankNifty, out var fresh) && fresh.Updates > kept.Updates && !fresh.IsStale, "BANKNIFTY got no update after the reconnect");
    }

    [Fact]
    public async Task Cache_ReleasedWhenDemandEnds()
    {
        await using var server = await LoopbackServer.StartAsync(
            "--Feed:DefaultUniverse:0=IDX_I:13", "--Simulator:Speed=30", "--Feed:DisconnectGracePeriod=00:00:00.500");
        using var kit = new FeedTestKit(server);
        var latest = server.Services.GetRequiredService<LatestValues>();
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "release@example.com");
        server.Services.GetRequiredService<MarketSubscriptions>().Hold(MarketHolder.ForSession(await kit.SessionOfAsync(userId)), [BankNifty], FeedMode.Full);
        await FeedTestKit.EventuallyAsync(() => latest.TryGet(BankNifty, out _), "BANKNIFTY got no update");

        await kit.LogoutAsync(token);
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 0, "The feed stayed up after demand ended");
        await FeedTestKit.EventuallyAsync(() => kit.Feed.GetStatus().State == FeedState.Idle, "The feed did not return to Idle");

        Assert.Equal(0, latest.Count);
        Assert.False(latest.IsStale);
        Assert.Equal(0, kit.Feed.GetStatus().Desired);
        Assert.Empty(server.Services.GetRequiredService<MarketSubscriptions>().GetSubscriptions());
    }
}
