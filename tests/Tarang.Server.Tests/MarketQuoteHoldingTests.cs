using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Services;

namespace Tarang.Server.Tests;

/// <summary>
/// Instruments that requests name are held for the session: the first request waits for the
/// first packet, holdings are bounded per session, a full feed is a 503, and no route shows what
/// another session holds.
/// </summary>
public class MarketQuoteHoldingTests
{
    private const string Reliance = "NSE_EQ:2885";

    // Only NIFTY 50 in the default universe, so RELIANCE and TCS are held by no one until a request names them.
    private static readonly string[] DaySettings =
    [
        "--Simulator:StartDate=2025-12-24", "--Simulator:StartTime=10:00:00", "--Feed:DefaultUniverse:0=IDX_I:13",
        "--RateLimits:PerAddressPermitLimit=1000",
    ];

    [Fact]
    public async Task Quote_HoldsUnheldInstrumentAndWaitsForFirstPacket()
    {
        await using var server = await LoopbackServer.StartAsync([.. DaySettings, "--MarketApi:FirstDataWait=00:00:15"]);
        using var kit = new FeedTestKit(server);
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "first-packet@example.com");
        await FeedTestKit.EventuallyAsync(() => kit.Feed.GetStatus().State == FeedState.Live, "The feed did not go live");
        Assert.DoesNotContain(server.Services.GetRequiredService<MarketSubscriptions>().GetSubscriptions(), s => s.Instrument.ToString() == Reliance);

        var body = await GetAsync(server, "/api/market/quote/NSE_EQ/2885", token);

        // The simulator sends the latest tick on subscribe, so the first request already has it.
        var item = body.GetProperty("data");
        Assert.True(item.GetProperty("hasData").GetBoolean(), $"The first quote had no data: {item}");
        Assert.Equal(JsonValueKind.Number, item.GetProperty("ltp").ValueKind);
        Assert.Equal(JsonValueKind.Number, item.GetProperty("open").ValueKind);
        Assert.StartsWith("2025-12-24T10:", item.GetProperty("ltt").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await kit.RequestsAsync("subscribes", Reliance, "Quote")).Count);
        var session = await kit.SessionOfAsync(userId);
        var held = server.Services.GetRequiredService<MarketSubscriptions>().GetHoldings(MarketHolder.ForSession(session, "rest"));
        Assert.Equal(FeedMode.Quote, held[new InstrumentKey(ExchangeSegment.NseEq, 2885)]);

        // Logging out releases what the session held, and the feed unsubscribes it.
        await kit.LogoutAsync(token);
        await FeedTestKit.EventuallyAsync(
            async () => (await kit.RequestsAsync("unsubscribes", Reliance, "Quote")).Count > 0, "RELIANCE was not unsubscribed after the logout");
    }

    [Fact]
    public async Task Quote_WaitsForQuoteFieldsAfterTickerHolder()
    {
        await using var server = await LoopbackServer.StartAsync([.. DaySettings, "--MarketApi:FirstDataWait=00:00:15"]);
        using var kit = new FeedTestKit(server);
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "upgrade@example.com");
        var latest = server.Services.GetRequiredService<LatestValues>();
        var reliance = new InstrumentKey(ExchangeSegment.NseEq, 2885);

        // A hub connection holds RELIANCE in ticker mode, so the cache has its LTP but no OHLC or volume.
        server.Services.GetRequiredService<MarketSubscriptions>().Hold(MarketHolder.ForSession(await kit.SessionOfAsync(userId), "hub:test"), [reliance], FeedMode.Ticker);
        await FeedTestKit.EventuallyAsync(() => latest.TryGet(reliance, out var value) && value.Values.LastTradedPrice is not null, "RELIANCE got no ticker price");

        var item = (await GetAsync(server, "/api/market/quote/NSE_EQ/2885", token)).GetProperty("data");

        // The request raised RELIANCE to quote mode and waited for the quote packet, not only a price.
        Assert.Equal(JsonValueKind.Number, item.GetProperty("ltp").ValueKind);
        Assert.Equal(JsonValueKind.Number, item.GetProperty("open").ValueKind);
        Assert.Equal(JsonValueKind.Number, item.GetProperty("volume").ValueKind);
    }

    [Fact]
    public async Task Routes_DoNotShowOtherSessionsInstruments()
    {
        await using var server = await LoopbackServer.StartAsync([.. DaySettings, "--MarketApi:FirstDataWait=00:00:15"]);
        var (watcher, _) = await AuthClient.RegisterAsync(server.Client, "watcher@example.com");
        var (other, _) = await AuthClient.RegisterAsync(server.Client, "other@example.com");
        var quote = await GetAsync(server, "/api/market/quotes?instruments=RELIANCE,TCS", watcher);
        Assert.All(quote.GetProperty("data").EnumerateArray(), i => Assert.True(i.GetProperty("hasData").GetBoolean()));

        foreach (var path in new[] { "/api/market/live-data", "/api/market/ltp", "/api/market/summary", "/api/market/indices", "/api/market/feed-status", "/api/market/websocket-status" })
        {
            var response = await AuthClient.SendAsync(server.Client, HttpMethod.Get, path, other);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("IDX_I:13", text, StringComparison.Ordinal);
            Assert.DoesNotContain("2885", text, StringComparison.Ordinal);
            Assert.DoesNotContain("RELIANCE", text, StringComparison.Ordinal);
            Assert.DoesNotContain("11536", text, StringComparison.Ordinal);
        }

        var status = (await GetAsync(server, "/api/market/feed-status", other)).GetProperty("data");
        Assert.Equal(0, status.GetProperty("stockCount").GetInt32());
        Assert.Equal(1, status.GetProperty("indicesCount").GetInt32());
    }

    [Fact]
    public async Task Holdings_EvictLeastRecentlyRequestedBeyondLimit()
    {
        await using var server = await LoopbackServer.StartAsync(
            [.. DaySettings, "--MarketApi:FirstDataWait=00:00:00", "--MarketApi:MaxHeldPerSession=2", "--MarketApi:MaxInstrumentsPerRequest=2"]);
        using var kit = new FeedTestKit(server);
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "evict@example.com");
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        var holder = MarketHolder.ForSession(await kit.SessionOfAsync(userId), "rest");

        await GetAsync(server, "/api/market/quote/NSE_EQ/2885", token);
        await GetAsync(server, "/api/market/quote/NSE_EQ/11536", token);
        await GetAsync(server, "/api/market/quote/NSE_EQ/1660", token);
        Assert.Equal(["NSE_EQ:11536", "NSE_EQ:1660"], HeldKeys(subscriptions, holder));
        Assert.DoesNotContain(subscriptions.GetSubscriptions(), s => s.Instrument.ToString() == Reliance);

        // Asking for TCS again makes ITC the least recent, so INFY pushes ITC out.
        await GetAsync(server, "/api/market/stock/TCS", token);
        await GetAsync(server, "/api/market/ltp?instruments=INFY", token);
        Assert.Equal(["NSE_EQ:11536", "NSE_EQ:1594"], HeldKeys(subscriptions, holder));

        var tooMany = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/market/quotes?instruments=RELIANCE,TCS,INFY", token);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(["NSE_EQ:11536", "NSE_EQ:1594"], HeldKeys(subscriptions, holder));
    }

    [Fact]
    public async Task Quote_FullFeedReturns503AndHoldsNothing()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Logging.AddProvider(logs),
            [.. DaySettings, "--Feed:MaxConnections=1", "--Feed:ReconciliationInterval=00:10:00", "--MarketApi:FirstDataWait=00:00:00"]);
        using var kit = new FeedTestKit(server);
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "full@example.com");
        await FeedTestKit.EventuallyAsync(() => kit.Feed.GetStatus().State == FeedState.Live, "The feed did not go live");

        // Fill the one socket's 5,000 instruments: NIFTY 50 from the universe and 4,999 equities without RELIANCE or TCS.
        var catalog = server.Services.GetRequiredService<MarketReferenceData>().Catalog;
        var filler = catalog.Instruments
            .Where(i => i.Key.Segment == ExchangeSegment.NseEq && i.Key.SecurityId is not 2885 and not 11536)
            .Take(4999)
            .Select(i => i.Key)
            .ToList();
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        subscriptions.Hold(MarketHolder.ForSession(await kit.SessionOfAsync(userId), "filler"), filler, FeedMode.Ticker);

        var single = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/market/quote/NSE_EQ/2885", token);
        var problem = await single.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, single.StatusCode);
        Assert.Equal("securityId", problem.GetProperty("field").GetString());
        Assert.Contains("no room", problem.GetProperty("message").GetString(), StringComparison.Ordinal);

        var batch = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/market/live-data?instruments=RELIANCE,TCS", token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, batch.StatusCode);
        Assert.Equal("instruments", (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.DoesNotContain(subscriptions.GetSubscriptions(), s => s.Instrument.SecurityId is 2885 or 11536);

        // Two rejections within a minute log one warning, naming the setting to raise.
        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 4201);
        Assert.Contains("Feed:MaxConnections", warning.Message, StringComparison.Ordinal);

        // An instrument the feed already carries needs no room.
        var held = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/market/quote/IDX_I/13", token);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
    }

    [Fact]
    public async Task ClosedMarket_MarksValuesStale()
    {
        // 15:35 lies in the closed period after the 15:30 close, before the replay moves to the next day.
        await using var server = await LoopbackServer.StartAsync(
            "--Simulator:StartDate=2025-12-24", "--Simulator:StartTime=15:35:00", "--MarketApi:FirstDataWait=00:00:15");
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "closed@example.com");

        var reliance = (await GetAsync(server, "/api/market/stock/RELIANCE", token)).GetProperty("data");
        Assert.True(reliance.GetProperty("hasData").GetBoolean(), $"RELIANCE had no data after the close: {reliance}");
        Assert.Equal("Closed", reliance.GetProperty("marketStatus").GetString());
        Assert.True(reliance.GetProperty("stale").GetBoolean());
        Assert.Equal("The market is Closed.", reliance.GetProperty("staleReason").GetString());
        Assert.StartsWith("2025-12-24T15:", reliance.GetProperty("ltt").GetString(), StringComparison.Ordinal);

        var live = (await GetAsync(server, "/api/market/live-data", token)).GetProperty("data");
        Assert.All(live.GetProperty("indices").EnumerateArray(), i => Assert.True(i.GetProperty("stale").GetBoolean()));
        Assert.All(live.GetProperty("stocks").EnumerateArray(), i => Assert.Equal("Closed", i.GetProperty("marketStatus").GetString()));

        var status = (await GetAsync(server, "/api/market/feed-status", token)).GetProperty("data");
        Assert.Equal("Closed", status.GetProperty("marketStatus").GetString());
        Assert.StartsWith("2025-12-24T15:", status.GetProperty("exchangeTime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyntheticMode_IsLabelledSynthetic()
    {
        await using var server = await LoopbackServer.StartAsync("--Simulator:Mode=Synthetic", "--Feed:DefaultUniverse:0=IDX_I:13");
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "synthetic@example.com");

        var body = await GetAsync(server, "/api/market/feed-status", token);

        Assert.Equal("synthetic", body.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("--MarketApi:FirstDataWait=-00:00:01", "MarketApi:FirstDataWait")]
    [InlineData("--MarketApi:FirstDataWait=00:01:00", "MarketApi:FirstDataWait")]
    [InlineData("--MarketApi:MaxInstrumentsPerRequest=0", "MarketApi:MaxInstrumentsPerRequest")]
    [InlineData("--MarketApi:MaxHeldPerSession=10", "MarketApi:MaxHeldPerSession")]
    public async Task Settings_RejectBadValueNamingKey(string setting, string key)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackServer.StartAsync(setting));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> GetAsync(LoopbackServer server, string path, string token)
    {
        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Get, path, token);
        Assert.True(response.IsSuccessStatusCode, $"{path} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] HeldKeys(MarketSubscriptions subscriptions, MarketHolder holder) =>
        [.. subscriptions.GetHoldings(holder).Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal)];
}
