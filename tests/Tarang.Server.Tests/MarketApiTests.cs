using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server.Feed;

namespace Tarang.Server.Tests;

/// <summary>The legacy market routes on a replayed trading day (2025-12-24 from 10:00 IST).</summary>
public class MarketApiTests(MarketDayServer day) : IClassFixture<MarketDayServer>
{
    private static readonly string[] UniverseStocks = ["NSE_EQ:2885", "NSE_EQ:1333", "NSE_EQ:1594", "NSE_EQ:11536", "NSE_EQ:4963", "NSE_EQ:3045"];
    private static readonly string[] UniverseIndices = ["IDX_I:13", "IDX_I:25", "IDX_I:27", "IDX_I:442", "IDX_I:51", "IDX_I:21"];

    [Fact]
    public async Task LiveData_ListsUniverseWithSnapshotValues()
    {
        var token = await day.RegisterAndWaitForPricesAsync("live@example.com");

        var (status, body, _) = await day.GetAsync("/api/market/live-data", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("simulator", body.GetProperty("source").GetString());
        Assert.EndsWith("+05:30", body.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        var data = body.GetProperty("data");
        Assert.Equal(UniverseStocks, Keys(data.GetProperty("stocks")));
        Assert.Equal(UniverseIndices, Keys(data.GetProperty("indices")));

        // HDFCBANK has no recording that day: listed, with nulls rather than invented values.
        var hdfc = Item(data.GetProperty("stocks"), "NSE_EQ:1333");
        Assert.False(hdfc.GetProperty("hasData").GetBoolean());
        Assert.True(hdfc.GetProperty("stale").GetBoolean());
        Assert.Equal("HDFCBANK", hdfc.GetProperty("symbol").GetString());
        foreach (var field in new[] { "ltp", "open", "high", "low", "prevClose", "volume", "change", "isPositive", "timestamp", "ageMs" })
        {
            Assert.Equal(JsonValueKind.Null, hdfc.GetProperty(field).ValueKind);
        }

        var nifty = Item(data.GetProperty("indices"), "IDX_I:13");
        Assert.Equal("NIFTY", nifty.GetProperty("symbol").GetString());
        Assert.Equal("NIFTY_50", nifty.GetProperty("legacySymbol").GetString());
        Assert.Equal("Open", nifty.GetProperty("marketStatus").GetString());
        Assert.False(nifty.GetProperty("stale").GetBoolean());

        await day.AssertItemMatchesSnapshotAsync("/api/market/live-data", token, b => b.GetProperty("data").GetProperty("stocks").EnumerateArray(), "NSE_EQ:2885");
        await day.AssertItemMatchesSnapshotAsync("/api/market/live-data", token, b => b.GetProperty("data").GetProperty("indices").EnumerateArray(), "IDX_I:25");
    }

    [Fact]
    public async Task LiveData_RelianceHasQuoteFields()
    {
        var token = await day.RegisterAndWaitForPricesAsync("quote-fields@example.com");

        var (_, body, _) = await day.GetAsync("/api/market/live-data", token);
        var reliance = Item(body.GetProperty("data").GetProperty("stocks"), "NSE_EQ:2885");

        // The default universe is held in quote mode, which carries the day's OHLC and volume.
        foreach (var field in new[] { "ltp", "open", "high", "low", "prevClose", "volume", "change", "changePercent", "ltt" })
        {
            Assert.NotEqual(JsonValueKind.Null, reliance.GetProperty(field).ValueKind);
        }

        Assert.Equal(reliance.GetProperty("ltp").GetDecimal() - reliance.GetProperty("prevClose").GetDecimal(), reliance.GetProperty("change").GetDecimal());
        Assert.True(reliance.GetProperty("low").GetDecimal() <= reliance.GetProperty("ltp").GetDecimal());
        Assert.True(reliance.GetProperty("high").GetDecimal() >= reliance.GetProperty("ltp").GetDecimal());
        Assert.StartsWith("2025-12-24T", reliance.GetProperty("ltt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ltp_ReducesItemsToLegacyFields()
    {
        var token = await day.RegisterAndWaitForPricesAsync("ltp@example.com");

        var (status, body, _) = await day.GetAsync("/api/market/ltp", token);

        Assert.Equal(HttpStatusCode.OK, status);
        var items = body.GetProperty("data").EnumerateArray().ToList();
        // The configured order of the default universe: its indices come first.
        Assert.Equal([.. UniverseIndices, .. UniverseStocks], items.Select(i => i.GetProperty("instrument").GetString()));
        var reliance = items.Single(i => i.GetProperty("instrument").GetString() == "NSE_EQ:2885");
        string[] legacy = ["symbol", "ltp", "change", "changePercent", "isPositive", "timestamp"];
        foreach (var field in legacy)
        {
            Assert.True(reliance.TryGetProperty(field, out _), $"The ltp item lacks {field}");
        }

        Assert.False(reliance.TryGetProperty("open", out _), "The ltp item should carry the reduced legacy shape, without the day's OHLC");
        Assert.Equal("RELIANCE", reliance.GetProperty("symbol").GetString());
        Assert.Equal(reliance.GetProperty("change").GetDecimal() >= 0, reliance.GetProperty("isPositive").GetBoolean());
    }

    [Fact]
    public async Task Summary_CountsGainersAndLosersOfItsStocks()
    {
        var token = await day.RegisterAndWaitForPricesAsync("summary@example.com");

        var (status, body, response) = await day.GetAsync("/api/market/summary", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-cache", response.Headers.Pragma.ToString(), StringComparison.Ordinal);
        var data = body.GetProperty("data");
        var summary = data.GetProperty("summary");
        var stocks = data.GetProperty("topStocks").EnumerateArray().ToList();
        Assert.Equal(UniverseStocks, stocks.Select(s => s.GetProperty("instrument").GetString()));
        Assert.Equal(UniverseIndices, Keys(data.GetProperty("indices")));
        Assert.Equal(6, summary.GetProperty("totalStocks").GetInt32());

        var changes = stocks.Select(s => s.GetProperty("change")).ToList();
        Assert.Equal(changes.Count(c => c.ValueKind == JsonValueKind.Number && c.GetDecimal() > 0), summary.GetProperty("gainers").GetInt32());
        Assert.Equal(changes.Count(c => c.ValueKind == JsonValueKind.Number && c.GetDecimal() < 0), summary.GetProperty("losers").GetInt32());
        Assert.Equal(changes.Count(c => c.ValueKind == JsonValueKind.Number && c.GetDecimal() == 0), summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(changes.Count(c => c.ValueKind == JsonValueKind.Null), summary.GetProperty("withoutChange").GetInt32());

        // Only RELIANCE and TCS are recorded that day; the other four have no change.
        Assert.True(summary.GetProperty("withoutChange").GetInt32() >= 4);
        AssertTop(stocks, summary.GetProperty("topGainer"), gainer: true);
        AssertTop(stocks, summary.GetProperty("topLoser"), gainer: false);
    }

    [Fact]
    public async Task Indices_ListsOnlyIndices()
    {
        var token = await day.RegisterAndWaitForPricesAsync("indices@example.com");

        var (status, body, _) = await day.GetAsync("/api/market/indices", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(UniverseIndices, Keys(body.GetProperty("data")));
        await day.AssertItemMatchesSnapshotAsync("/api/market/indices", token, b => b.GetProperty("data").EnumerateArray(), "IDX_I:13");
    }

    [Fact]
    public async Task InstrumentsParameter_ReplacesUniverse()
    {
        var token = await day.RegisterAndWaitForPricesAsync("param@example.com");

        var (status, body, _) = await day.GetAsync("/api/market/live-data?instruments=RELIANCE,NIFTY_50,BANK_NIFTY", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["NSE_EQ:2885"], Keys(body.GetProperty("data").GetProperty("stocks")));
        Assert.Equal(["IDX_I:13", "IDX_I:25"], Keys(body.GetProperty("data").GetProperty("indices")));

        (_, body, _) = await day.GetAsync("/api/market/ltp?instruments=IDX_I:25&instruments=TCS", token);
        Assert.Equal(["IDX_I:25", "NSE_EQ:11536"], body.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("instrument").GetString()));

        (_, body, _) = await day.GetAsync("/api/market/summary?instruments=NSE_EQ:2885", token);
        Assert.Equal(1, body.GetProperty("data").GetProperty("summary").GetProperty("totalStocks").GetInt32());
        Assert.Empty(body.GetProperty("data").GetProperty("indices").EnumerateArray());

        (_, body, _) = await day.GetAsync("/api/market/indices?instruments=SENSEX", token);
        Assert.Equal(["IDX_I:51"], Keys(body.GetProperty("data")));
    }

    [Theory]
    [InlineData("/api/market/live-data?instruments=XX:13", "instruments", "exchange segment 'XX'")]
    [InlineData("/api/market/ltp?instruments=NSE_EQ:12a", "instruments", "security id '12a'")]
    [InlineData("/api/market/summary?instruments=NOSUCHSYMBOL", "instruments", "'NOSUCHSYMBOL'")]
    [InlineData("/api/market/indices?instruments=,,", "instruments", "empty")]
    [InlineData("/api/market/quotes", "instruments", "missing")]
    [InlineData("/api/market/quotes?instruments=NSE_EQ:999999999", "instruments", "'NSE_EQ:999999999'")]
    [InlineData("/api/market/quote/NSE_XX/2885", "segment", "'NSE_XX'")]
    [InlineData("/api/market/quote/NSE_EQ/abc", "securityId", "'abc'")]
    [InlineData("/api/market/stock/XX:1", "symbol", "'XX'")]
    public async Task BadInput_Returns400NamingField(string path, string field, string named)
    {
        var (token, _) = await AuthClient.RegisterAsync(day.Server.Client, $"bad-{Guid.NewGuid():N}@example.com");

        var (status, body, _) = await day.GetAsync(path, token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.Contains(named, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("detail").GetString(), body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Quotes_RejectsMoreThanMaxInstruments()
    {
        var (token, _) = await AuthClient.RegisterAsync(day.Server.Client, "many@example.com");
        var many = string.Join(",", Enumerable.Range(1, 51).Select(i => $"NSE_EQ:{i}"));

        var (status, body, _) = await day.GetAsync($"/api/market/quotes?instruments={many}", token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("instruments", body.GetProperty("field").GetString());
        Assert.Contains("at most 50", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmbiguousSymbol_ListsCandidates()
    {
        var (token, _) = await AuthClient.RegisterAsync(day.Server.Client, "ambiguous@example.com");

        foreach (var (path, field) in new[] { ("/api/market/stock/SHEMAROO", "symbol"), ("/api/market/quotes?instruments=RELIANCE,SHEMAROO", "instruments") })
        {
            var (status, body, _) = await day.GetAsync(path, token);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(field, body.GetProperty("field").GetString());
            Assert.Contains("NSE_EQ:5068", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("NSE_EQ:5072", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var candidates = body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("instrument").GetString()).Order(StringComparer.Ordinal);
            Assert.Equal(["NSE_EQ:5068", "NSE_EQ:5072"], candidates);
        }
    }

    [Fact]
    public async Task Stock_ReturnsEquityBySymbolOrAlias()
    {
        var token = await day.RegisterAndWaitForPricesAsync("stock@example.com");

        var (status, body, _) = await day.GetAsync("/api/market/stock/reliance", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("simulator", body.GetProperty("source").GetString());
        Assert.Equal("NSE_EQ:2885", body.GetProperty("data").GetProperty("instrument").GetString());
        await day.AssertItemMatchesSnapshotAsync("/api/market/stock/RELIANCE", token, b => [b.GetProperty("data")], "NSE_EQ:2885");
    }

    [Theory]
    [InlineData("NIFTY_50", "/api/market/indices")]
    [InlineData("BANKNIFTY", "/api/market/quote/IDX_I/25")]
    [InlineData("NSE_FNO:90000000", "/api/market/quote/NSE_FNO/90000000")]
    [InlineData("NOSUCHSYMBOL", "Stock NOSUCHSYMBOL not found")]
    public async Task Stock_Returns404ForNonStocks(string symbol, string hint)
    {
        var (token, _) = await AuthClient.RegisterAsync(day.Server.Client, $"not-stock-{Guid.NewGuid():N}@example.com");

        var (status, body, _) = await day.GetAsync($"/api/market/stock/{symbol}", token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(hint, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_ReturnsInstrumentByKey()
    {
        var token = await day.RegisterAndWaitForPricesAsync("quote@example.com");

        var (status, body, _) = await day.GetAsync("/api/market/quote/IDX_I/13", token);

        Assert.Equal(HttpStatusCode.OK, status);
        var nifty = body.GetProperty("data");
        Assert.Equal("NIFTY", nifty.GetProperty("symbol").GetString());
        Assert.Equal("NIFTY_50", nifty.GetProperty("legacySymbol").GetString());
        Assert.Equal("IDX_I", nifty.GetProperty("segment").GetString());
        Assert.Equal(13, nifty.GetProperty("securityId").GetInt64());
        await day.AssertItemMatchesSnapshotAsync("/api/market/quote/IDX_I/13", token, b => [b.GetProperty("data")], "IDX_I:13");

        (status, body, _) = await day.GetAsync("/api/market/quotes?instruments=NSE_EQ:2885,IDX_I:13,BANK_NIFTY", token);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["NSE_EQ:2885", "IDX_I:13", "IDX_I:25"], Keys(body.GetProperty("data")));
    }

    [Fact]
    public async Task Quote_UnknownKeyReturns404NamingIt()
    {
        var (token, _) = await AuthClient.RegisterAsync(day.Server.Client, "unknown-key@example.com");

        var (status, body, _) = await day.GetAsync("/api/market/quote/NSE_EQ/999999999", token);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("NSE_EQ:999999999", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_WithoutDataAnswersAfterBoundedWait()
    {
        var (token, userId) = await AuthClient.RegisterAsync(day.Server.Client, "no-data@example.com");
        using var kit = new FeedTestKit(day.Server);
        var session = await kit.SessionOfAsync(userId);

        // ITC has no recording that day, so no packet ever comes, and the reply reports that after the wait.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (status, body, _) = await day.GetAsync("/api/market/quote/NSE_EQ/1660", token);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, status);
        var itc = body.GetProperty("data");
        Assert.Equal("ITC", itc.GetProperty("symbol").GetString());
        Assert.False(itc.GetProperty("hasData").GetBoolean());
        Assert.Equal(JsonValueKind.Null, itc.GetProperty("ltp").ValueKind);
        Assert.Contains("No data has arrived", itc.GetProperty("staleReason").GetString(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2.5), $"The reply came after {watch.Elapsed.TotalSeconds:F1} s, before MarketApi:FirstDataWait (3 s) ran out.");

        var held = day.Server.Services.GetRequiredService<MarketSubscriptions>().GetHoldings(MarketHolder.ForSession(session, "rest"));
        Assert.Contains(held, h => h.Key.ToString() == "NSE_EQ:1660");

        // The instrument is held now, so the next request does not wait again.
        watch.Restart();
        (status, _, _) = await day.GetAsync("/api/market/quote/NSE_EQ/1660", token);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"The second request waited {watch.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task FeedStatus_ShowsStateAndExchangeTime()
    {
        var token = await day.RegisterAndWaitForPricesAsync("feed-status@example.com");

        foreach (var path in new[] { "/api/market/feed-status", "/api/market/websocket-status" })
        {
            var (status, body, _) = await day.GetAsync(path, token);

            Assert.Equal(HttpStatusCode.OK, status);
            var data = body.GetProperty("data");
            Assert.Equal("Live", data.GetProperty("state").GetString());
            Assert.True(data.GetProperty("isConnected").GetBoolean());
            Assert.Equal("Open", data.GetProperty("marketStatus").GetString());
            Assert.StartsWith("2025-12-24T10:", data.GetProperty("exchangeTime").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("+05:30", data.GetProperty("since").GetString(), StringComparison.Ordinal);
            Assert.True(data.GetProperty("since").GetDateTimeOffset() <= body.GetProperty("timestamp").GetDateTimeOffset());

            // RELIANCE and TCS among the stocks, NIFTY 50 and BANKNIFTY among the indices have data.
            Assert.Equal(2, data.GetProperty("stockCount").GetInt32());
            Assert.Equal(2, data.GetProperty("indicesCount").GetInt32());
            Assert.Equal(["IDX_I:13", "IDX_I:25"], Keys(data.GetProperty("sampleData").GetProperty("indices")));
            Assert.NotEqual(JsonValueKind.Null, data.GetProperty("lastUpdate").ValueKind);
            Assert.False(data.TryGetProperty("totalCacheItems", out _), "The cache size counts what other users hold.");
        }
    }

    [Theory]
    [InlineData("/api/market/live-data")]
    [InlineData("/api/market/ltp")]
    [InlineData("/api/market/summary")]
    [InlineData("/api/market/indices")]
    [InlineData("/api/market/stock/RELIANCE")]
    [InlineData("/api/market/quote/NSE_EQ/2885")]
    [InlineData("/api/market/quotes?instruments=NSE_EQ:2885")]
    [InlineData("/api/market/feed-status")]
    [InlineData("/api/market/websocket-status")]
    public async Task Routes_Return401WithoutToken(string path)
    {
        var (status, _, _) = await day.GetAsync(path, token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        var (withBadToken, _, _) = await day.GetAsync(path, "not-a-session-token");
        Assert.Equal(HttpStatusCode.Unauthorized, withBadToken);
    }

    [Fact]
    public async Task OpenApi_ListsEveryRouteWithResponseType()
    {
        var (status, document, _) = await day.GetAsync("/openapi/v1.json", token: null);
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document.GetProperty("paths");

        string[] routes =
        [
            "/api/market/live-data", "/api/market/ltp", "/api/market/summary", "/api/market/indices",
            "/api/market/stock/{symbol}", "/api/market/quote/{segment}/{securityId}", "/api/market/quotes",
            "/api/market/feed-status", "/api/market/websocket-status",
        ];
        foreach (var route in routes)
        {
            Assert.True(paths.TryGetProperty(route, out var path), $"The OpenAPI document lacks {route}");
            var responses = path.GetProperty("get").GetProperty("responses");
            Assert.True(responses.GetProperty("200").TryGetProperty("content", out _), $"{route} has no 200 response type");
            Assert.True(responses.TryGetProperty("401", out _), $"{route} does not list its 401");
        }

        foreach (var route in routes.Where(r => !r.EndsWith("-status", StringComparison.Ordinal)))
        {
            var responses = paths.GetProperty(route).GetProperty("get").GetProperty("responses");
            Assert.True(responses.TryGetProperty("400", out _), $"{route} does not list its 400");
            Assert.True(responses.TryGetProperty("503", out _), $"{route} does not list its 503");
        }
    }

    private static string[] Keys(JsonElement items) => [.. items.EnumerateArray().Select(i => i.GetProperty("instrument").GetString()!)];

    private static JsonElement Item(JsonElement items, string instrument) =>
        items.EnumerateArray().Single(i => i.GetProperty("instrument").GetString() == instrument);

    private static void AssertTop(List<JsonElement> stocks, JsonElement top, bool gainer)
    {
        var candidates = stocks
            .Where(s => s.GetProperty("change").ValueKind == JsonValueKind.Number)
            .Where(s => gainer ? s.GetProperty("change").GetDecimal() > 0 : s.GetProperty("change").GetDecimal() < 0)
            .ToList();
        if (candidates.Count == 0)
        {
            Assert.Equal(JsonValueKind.Null, top.ValueKind);
            return;
        }

        var expected = gainer
            ? candidates.Max(s => s.GetProperty("changePercent").GetDecimal())
            : candidates.Min(s => s.GetProperty("changePercent").GetDecimal());
        Assert.Equal(expected, top.GetProperty("changePercent").GetDecimal());
    }
}
