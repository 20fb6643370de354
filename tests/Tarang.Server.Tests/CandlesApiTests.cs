using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Candles;
using Tarang.Server.Feed;
using Tarang.Server.Services;

namespace Tarang.Server.Tests;

/// <summary>The candle routes' inputs, errors and feed holdings, on the embedded default day (2026-02-06).</summary>
public class CandlesApiTests
{
    private static readonly InstrumentKey NiftyCall25100 = new(ExchangeSegment.NseFno, 90001000);

    [Fact]
    public async Task CandleRoutes_RejectBadInputNamingField()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "bad-input@example.com");
        using var client = server.CreateClient(token);

        (string Path, string Field)[] cases =
        [
            ("/api/market/stock-ohlc/NOSUCHSYMBOL", "symbol"),
            ("/api/market/stock-ohlc/RELIANCE?fromDate=2026-13-01", "fromDate"),
            ("/api/market/stock-ohlc/RELIANCE?toDate=06-02-2026", "toDate"),
            ("/api/market/stock-ohlc/RELIANCE?fromDate=2026-02-07&toDate=2026-02-05", "fromDate"),
            ("/api/market/stock-ohlc/RELIANCE?fromDate=2026-01-01&toDate=2026-01-31", "toDate"),
            ("/api/market/stock-ohlc/RELIANCE?fromDate=2026-02-09", "fromDate"),
            ("/api/market/strike-ohlc/NIFTY_50/2026-02-24/abc/CE", "strike"),
            ("/api/market/strike-ohlc/NIFTY_50/2026-02-24/-25100/CE", "strike"),
            ("/api/market/strike-ohlc/NIFTY_50/2026-02-24/25101/CE", "strike"),
            ("/api/market/strike-ohlc/NIFTY_50/2026-02-24/25100/XX", "optionType"),
            ("/api/market/strike-ohlc/NIFTY_50/2026-02-24/25100/CALL", "optionType"),
            ("/api/market/strike-ohlc/NIFTY_50/24-02-2026/25100/CE", "expiry"),
            ("/api/market/strike-ohlc/NIFTY_50/2026-02-25/25100/CE", "expiry"),
            ("/api/market/strike-ohlc/NOSUCHSYMBOL/2026-02-24/25100/CE", "symbol"),
            ("/api/market/candles/NSE_XX/2885", "segment"),
            ("/api/market/candles/NSE_EQ/abc", "securityId"),
        ];

        foreach (var (path, field) in cases)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} returned {(int)response.StatusCode}, expected 400.");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(field == problem.GetProperty("field").GetString(), $"{path} named the field {problem.GetProperty("field")}, expected {field}.");
            var detail = problem.GetProperty("detail").GetString()!;
            var named = field == "optionType" ? "option type" : field;
            Assert.True(detail.Contains(named, StringComparison.Ordinal), $"{path}: the detail \"{detail}\" does not name {named}.");
            Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
        }

        // A rejected request holds nothing.
        var session = await new FeedTestKit(server).SessionOfAsync(userId);
        Assert.Empty(server.Services.GetRequiredService<MarketSubscriptions>().GetHoldings(MarketHolder.ForSession(session, CandleHolds.Scope)));
    }

    [Fact]
    public async Task Candles_UnknownKeyIsNotFound()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "unknown-key@example.com");
        using var client = server.CreateClient(token);

        var response = await client.GetAsync("/api/market/candles/NSE_EQ/999999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NSE_EQ:999999999", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CandleRoutes_RequireAuthentication()
    {
        await using var server = await LoopbackServer.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/api/market/candles/NSE_EQ/2885")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/api/market/stock-ohlc/RELIANCE")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/api/market/strike-ohlc/NIFTY_50/2026-02-24/25100/CE")).StatusCode);
    }

    [Fact]
    public async Task StockOhlc_ListsCandidatesOfAmbiguousSymbol()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "ambiguous@example.com");
        using var client = server.CreateClient(token);
        var catalog = server.Services.GetRequiredService<MarketReferenceData>().Catalog;
        var candidates = catalog.Instruments
            .GroupBy(i => i.Symbol, StringComparer.OrdinalIgnoreCase)
            .Select(g => catalog.FindBySymbol(g.Key))
            .First(matches => matches.Count > 1 && !catalog.TryGetPreferredEquity(matches[0].Symbol, out _) && !matches[0].Symbol.Contains('_', StringComparison.Ordinal));

        var response = await client.GetAsync($"/api/market/stock-ohlc/{Uri.EscapeDataString(candidates[0].Symbol)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("symbol", problem.GetProperty("field").GetString());
        foreach (var candidate in candidates)
        {
            Assert.Contains(candidate.Key.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StockOhlc_ResolvesLegacyIndexNames()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "aliases@example.com");
        using var client = server.CreateClient(token);

        (string Alias, string SecurityId)[] aliases = [("NIFTY_50", "13"), ("BANK_NIFTY", "25"), ("FINNIFTY", "27"), ("SENSEX", "51")];
        foreach (var (alias, securityId) in aliases)
        {
            var metadata = (await client.GetFromJsonAsync<JsonElement>($"/api/market/stock-ohlc/{alias}")).GetProperty("metadata");

            Assert.Equal(securityId, metadata.GetProperty("securityId").GetString());
            Assert.Equal("IDX_I", metadata.GetProperty("exchangeSegment").GetString());
            Assert.Equal("INDEX", metadata.GetProperty("instrument").GetString());
            Assert.Equal("2026-02-06", metadata.GetProperty("fromDate").GetString());
        }
    }

    [Fact]
    public async Task StrikeOhlc_HoldsContractSoCandlesAccrue()
    {
        await using var server = await LoopbackServer.StartAsync("--Simulator:Speed=60");
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "strike@example.com");
        using var client = server.CreateClient(token);
        var session = await new FeedTestKit(server).SessionOfAsync(userId);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/market/strike-ohlc/NIFTY_50/2026-02-24/25100/ce?dataSource=websocket");

        var metadata = first.GetProperty("metadata");
        Assert.Equal("90001000", metadata.GetProperty("securityId").GetString());
        Assert.Equal("NSE_FNO", metadata.GetProperty("exchangeSegment").GetString());
        Assert.Equal("CE", metadata.GetProperty("optionType").GetString());
        Assert.Equal("NIFTY-Feb2026-25100-CE", metadata.GetProperty("tradingSymbol").GetString());
        Assert.True(metadata.GetProperty("holding").GetProperty("startedNow").GetBoolean());
        var held = server.Services.GetRequiredService<MarketSubscriptions>().GetHoldings(MarketHolder.ForSession(session, CandleHolds.Scope));
        Assert.Equal(FeedMode.Quote, Assert.Single(held, h => h.Key == NiftyCall25100).Value);

        // The recorded quotes of the contract come about every 65 exchange seconds, about one a wall second at 60×.
        await FeedTestKit.EventuallyAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/api/market/candles/NSE_FNO/90001000")).GetProperty("candles").GetArrayLength() > 0,
            "No candle of the requested contract accrued");
        var again = await client.GetFromJsonAsync<JsonElement>("/api/market/strike-ohlc/NIFTY_50/2026-02-24/25100/CE");
        Assert.False(again.GetProperty("metadata").GetProperty("holding").GetProperty("startedNow").GetBoolean());
        Assert.NotEmpty(again.GetProperty("data").GetProperty("close").EnumerateArray());
    }

    [Fact]
    public async Task CandleHolds_ReleaseOldestBeyondSessionLimit()
    {
        await using var server = await LoopbackServer.StartAsync("--Candles:MaxInstrumentsPerSession=2");
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "limit@example.com");
        using var client = server.CreateClient(token);
        var session = await new FeedTestKit(server).SessionOfAsync(userId);

        await client.GetFromJsonAsync<JsonElement>("/api/market/candles/NSE_EQ/2885");
        await client.GetFromJsonAsync<JsonElement>("/api/market/candles/NSE_EQ/11536");
        await client.GetFromJsonAsync<JsonElement>("/api/market/candles/NSE_EQ/2885");
        var third = await client.GetFromJsonAsync<JsonElement>("/api/market/candles/NSE_EQ/1594");

        // RELIANCE was requested again after TCS, so TCS is the one requested longest ago.
        var holding = third.GetProperty("holding");
        Assert.True(holding.GetProperty("startedNow").GetBoolean());
        Assert.Equal("NSE_EQ:11536", holding.GetProperty("released").GetString());
        var held = server.Services.GetRequiredService<MarketSubscriptions>().GetHoldings(MarketHolder.ForSession(session, CandleHolds.Scope));
        Assert.Equal([new InstrumentKey(ExchangeSegment.NseEq, 1594), new InstrumentKey(ExchangeSegment.NseEq, 2885)], held.Keys.OrderBy(k => k.SecurityId));
    }

    [Fact]
    public async Task Candles_StateSourceAndFreshness()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "fresh@example.com");
        using var client = server.CreateClient(token);

        var body = await client.GetFromJsonAsync<JsonElement>("/api/market/candles/IDX_I/13");

        Assert.Equal("IDX_I:13", body.GetProperty("instrument").GetString());
        Assert.Equal("NIFTY", body.GetProperty("symbol").GetString());
        Assert.Equal("2026-02-06", body.GetProperty("date").GetString());
        Assert.Equal(1, body.GetProperty("intervalMinutes").GetInt32());
        Assert.Equal("feed_candles", body.GetProperty("source").GetString());
        Assert.Equal("Simulator", body.GetProperty("marketSource").GetString());
        var freshness = body.GetProperty("freshness");
        Assert.EndsWith("+05:30", freshness.GetProperty("asOf").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2026-02-06T10:4", freshness.GetProperty("asOf").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", freshness.GetProperty("marketStatus").GetString());
        Assert.Equal("candles", body.GetProperty("holding").GetProperty("scope").GetString());
        Assert.Equal("Quote", body.GetProperty("holding").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task CandleStore_ClearedWhenDemandEnds()
    {
        await using var server = await LoopbackServer.StartAsync("--Simulator:Speed=30", "--Feed:DisconnectGracePeriod=00:00:00.500");
        using var kit = new FeedTestKit(server);
        var store = server.Services.GetRequiredService<CandleStore>();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "demand@example.com");
        await FeedTestKit.EventuallyAsync(() => store.Count > 0, "No candles were built for the default universe");

        // The status reads Idle before the feed raises the Idle event, so the count is read in a
        // handler of that event. The feed calls handlers in the order added, so the store's runs first.
        var countWhenIdle = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        kit.Feed.StateChanged += (_, args) =>
        {
            if (args.Current == FeedState.Idle)
            {
                countWhenIdle.TrySetResult(store.Count);
            }
        };
        await kit.LogoutAsync(token);

        Assert.Equal(0, await countWhenIdle.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task OpenApi_DescribesCandleRoutes()
    {
        await using var server = await LoopbackServer.StartAsync();

        var paths = (await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        string[] routes =
        [
            "/api/market/candles/{segment}/{securityId}",
            "/api/market/stock-ohlc/{symbol}",
            "/api/market/strike-ohlc/{symbol}/{expiry}/{strike}/{optionType}",
        ];
        foreach (var route in routes)
        {
            Assert.True(paths.TryGetProperty(route, out var path), $"The OpenAPI document has no {route}.");
            var get = path.GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("description").GetString()));
            Assert.Equal("Candles", get.GetProperty("tags")[0].GetString());
        }
    }

    [Theory]
    [InlineData("--Candles:MaxInstruments=0", "Candles:MaxInstruments")]
    [InlineData("--Candles:MaxInstrumentsPerSession=-1", "Candles:MaxInstrumentsPerSession")]
    public async Task Start_FailsForBadCandleSetting(string setting, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackServer.StartAsync(setting));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
