using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedWatchdogTests
{
    [Fact]
    public async Task Silence_InMarketHoursReportsSilentThenReconnects()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, exchangeTime: FeedHarness.MarketOpen);
        await StartSubscribedAsync(harness, server);

        AdvanceInSteps(harness, TimeSpan.FromSeconds(16));
        await harness.WaitForStateAsync(FeedState.Silent);

        Assert.Equal(1, server.UpgradeRequests);

        AdvanceInSteps(harness, FeedOptions.DefaultReceiveSilenceThreshold - TimeSpan.FromSeconds(16));
        var delay = await harness.WaitForBackoffAsync();

        Assert.Equal(FeedDisconnectKind.Silence, harness.Feed.GetStatus().LastDisconnect?.Kind);
        harness.WallClock.Advance(delay);
        var second = await server.AcceptAsync();
        await second.NextRequestAsync();
        await harness.WaitForStateAsync(FeedState.Live);
    }

    [Theory]
    [InlineData("2026-02-05T20:00:00+05:30")] // Thursday evening, after the close
    [InlineData("2026-01-26T11:00:00+05:30")] // Republic Day, a weekday holiday
    [InlineData("2026-02-07T11:00:00+05:30")] // Saturday
    [InlineData("2026-02-06T09:05:00+05:30")] // Pre-open call auction
    public async Task Silence_OutsideSessionCausesNoReconnect(string exchangeTime)
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, exchangeTime: DateTimeOffset.Parse(exchangeTime, System.Globalization.CultureInfo.InvariantCulture));
        await StartSubscribedAsync(harness, server);

        AdvanceInSteps(harness, TimeSpan.FromMinutes(5));
        await Task.Delay(100);

        Assert.Equal(FeedState.Live, harness.State);
        Assert.Equal(1, server.UpgradeRequests);
        Assert.DoesNotContain(FeedState.Silent, harness.States);
    }

    [Fact]
    public async Task Data_KeepsSocketLiveInMarketHours()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, exchangeTime: FeedHarness.MarketOpen);
        var connection = await StartSubscribedAsync(harness, server);

        for (var i = 0; i < 20; i++)
        {
            var count = harness.Sink.Updates.Count;
            await connection.SendTickerAsync(FeedHarness.Instruments(1)[0], 100, 1_770_000_000);
            await TestWait.UntilAsync(() => harness.Sink.Updates.Count > count, "the ticker arrives");
            harness.WallClock.Advance(TimeSpan.FromSeconds(7.5));
        }

        Assert.Equal(FeedState.Live, harness.State);
        Assert.DoesNotContain(FeedState.Silent, harness.States);
        Assert.Equal(1, server.UpgradeRequests);
    }

    [Fact]
    public async Task MissingPong_ClosesSocketAfterHours()
    {
        await using var server = await FeedTestServer.StartAsync();
        server.ReadsMessages = false;
        await using var harness = FeedHarness.Create(
            server.Url,
            settings =>
            {
                settings["Feed:KeepAliveInterval"] = "00:00:00.200";
                settings["Feed:PongTimeout"] = "00:00:00.500";
            },
            exchangeTime: FeedHarness.EveningAfterClose);

        await harness.Feed.StartAsync();
        await server.AcceptAsync();
        await harness.WaitForStateAsync(FeedState.Live);

        // Real time: the client's keep-alive runs on the runtime's own timer, not the injected clock.
        await harness.WaitForBackoffAsync();

        Assert.Equal(FeedDisconnectKind.ConnectionLost, harness.Feed.GetStatus().LastDisconnect?.Kind);
    }

    private static async Task<ServerConnection> StartSubscribedAsync(FeedHarness harness, FeedTestServer server)
    {
        harness.Feed.Subscribe(FeedHarness.Instruments(1), FeedMode.Ticker);
        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        await connection.NextRequestAsync();
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == 1, "the subscription is sent");
        return connection;
    }

    private static void AdvanceInSteps(FeedHarness harness, TimeSpan total)
    {
        var step = TimeSpan.FromSeconds(1);
        for (var advanced = TimeSpan.Zero; advanced < total; advanced += step)
        {
            harness.WallClock.Advance(step);
            harness.ExchangeClock.Advance(step);
        }
    }
}
