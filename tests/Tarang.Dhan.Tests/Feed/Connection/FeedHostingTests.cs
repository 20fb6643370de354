using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tarang.Dhan.Credentials;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedHostingTests
{
    [Fact]
    public async Task Host_StartDoesNotConnectFeed()
    {
        await using var server = await FeedTestServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dhan:FeedUrl"] = server.Url.ToString(),
            ["Dhan:ClientId"] = FeedHarness.ClientId,
            ["Dhan:AccessToken"] = FeedHarness.Token,
        });
        builder.Services.AddSingleton<IMarketUpdateSink, RecordingSink>();
        builder.Services.AddSingleton<ITickSizeLookup, AnyTickSize>();
        builder.Services.AddDhanFeed(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await Task.Delay(100);

        var feed = host.Services.GetRequiredService<DhanFeed>();
        Assert.Equal(0, server.UpgradeRequests);
        Assert.Equal(FeedState.Idle, feed.GetStatus().State);

        await feed.StartAsync();
        await server.AcceptAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_RejectsInvalidOptionsAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dhan:ClientId"] = FeedHarness.ClientId,
            ["Dhan:AccessToken"] = FeedHarness.Token,
            ["Feed:MaxConnections"] = "9",
        });
        builder.Services.AddSingleton<IMarketUpdateSink, RecordingSink>();
        builder.Services.AddSingleton<ITickSizeLookup, AnyTickSize>();
        builder.Services.AddDhanFeed(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Feed:MaxConnections is 9", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnect_ReadsTokenReplacedWhileLive()
    {
        const string replaced = "eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjE5MDAwMDAwMDB9.cmVwbGFjZWQ";
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        await harness.WaitForStateAsync(FeedState.Live);
        harness.Credentials.ReplaceCredentials(new DhanCredentials(FeedHarness.ClientId, replaced), "admin");
        await Task.Delay(50);

        Assert.Equal(1, server.UpgradeRequests);

        first.Abort();
        harness.WallClock.Advance(await harness.WaitForBackoffAsync());
        var second = await server.AcceptAsync();

        Assert.Equal(FeedHarness.Token, first.Token);
        Assert.Equal(replaced, second.Token);
    }
}
