using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tarang.Market.Time;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Tests;

public sealed class RestTests
{
    private static readonly DateOnly Dec24 = new(2025, 12, 24);

    // The fake wall clock freezes the exchange clock, so every expected value is exact.
    private static async Task<(RunningSimulator Simulator, FakeTimeProvider Wall, HttpClient Http)> StartAsync(DateOnly date, TimeOnly time)
    {
        var wall = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(Random.Shared.NextInt64(1_000_000_000, 2_000_000_000)));
        var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { StartDate = date, StartTime = time }, wallClock: wall);
        var http = new HttpClient { BaseAddress = simulator.RestBaseUrl };
        http.DefaultRequestHeaders.Add("access-token", simulator.Options.AccessToken);
        http.DefaultRequestHeaders.Add("client-id", simulator.Options.ClientId);
        return (simulator, wall, http);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Rest_IntradayCandlesEqualRecordedBarsAndStopAtClock()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(10, 0, 30));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "charts/intraday",
            """{"securityId":"13","exchangeSegment":"IDX_I","instrument":"INDEX","interval":"1","fromDate":"2025-12-24","toDate":"2025-12-24"}""");
        var body = await ReadAsync(response);

        var bars = TestData.Engine.GetDay(MarketRecording.Nifty50, Dec24)!.Bars.Where(b => b.End <= TestData.At(2025, 12, 24, 10, 0, 30)).ToArray();
        Assert.Equal(45, bars.Length);
        Assert.Equal(bars.Select(b => b.Open), body.GetProperty("open").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Equal(bars.Select(b => b.High), body.GetProperty("high").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Equal(bars.Select(b => b.Low), body.GetProperty("low").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Equal(bars.Select(b => b.Close), body.GetProperty("close").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Equal(bars.Select(b => b.Start.ToUnixTimeSeconds()), body.GetProperty("timestamp").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(1766550540, body.GetProperty("timestamp")[44].GetInt64()); // 2025-12-24 09:59 IST
    }

    [Fact]
    public async Task Rest_IntradayAggregatesFiveMinuteBarsFromRecordedMinutes()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(9, 31));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "charts/intraday",
            """{"securityId":"2885","exchangeSegment":"NSE_EQ","instrument":"EQUITY","interval":5,"fromDate":"2025-12-24","toDate":"2025-12-24"}""");
        var body = await ReadAsync(response);

        var minutes = TestData.Engine.GetDay(MarketRecording.Reliance, Dec24)!.Bars.Take(15).ToArray();
        Assert.Equal(3, body.GetProperty("open").GetArrayLength());
        Assert.Equal(minutes[5].Open, body.GetProperty("open")[1].GetDecimal());
        Assert.Equal(minutes[5..10].Max(b => b.High), body.GetProperty("high")[1].GetDecimal());
        Assert.Equal(minutes[5..10].Min(b => b.Low), body.GetProperty("low")[1].GetDecimal());
        Assert.Equal(minutes[9].Close, body.GetProperty("close")[1].GetDecimal());
        Assert.Equal(minutes[5..10].Sum(b => b.Volume), body.GetProperty("volume")[1].GetInt64());
    }

    [Fact]
    public async Task Rest_IntradayBuildsFuturesCandlesFromRecordedTicks()
    {
        var (simulator, _, http) = await StartAsync(new DateOnly(2025, 12, 29), new TimeOnly(12, 50));
        await using var _1 = simulator;
        using var _2 = http;
        var future = TestData.Master.KiteTradingSymbols.Single(p => p.Value == "NIFTY25DECFUT").Key;

        using var response = await PostAsync(http, "charts/intraday",
            $$"""{"securityId":"{{future.SecurityId}}","exchangeSegment":"NSE_FNO","instrument":"FUTIDX","interval":"1","fromDate":"2025-12-29 12:47:00","toDate":"2025-12-29 15:30:00"}""");
        var body = await ReadAsync(response);

        var ticks = TestData.Engine.GetDay(future, new DateOnly(2025, 12, 29))!.Ticks
            .Where(t => t.Time >= TestData.At(2025, 12, 29, 12, 47) && t.Time < TestData.At(2025, 12, 29, 12, 48))
            .ToArray();
        Assert.Equal(3, body.GetProperty("open").GetArrayLength());
        Assert.Equal(ticks[0].LastPrice, body.GetProperty("open")[0].GetDecimal());
        Assert.Equal(ticks.Max(t => t.LastPrice), body.GetProperty("high")[0].GetDecimal());
        Assert.Equal(ticks.Min(t => t.LastPrice), body.GetProperty("low")[0].GetDecimal());
        Assert.Equal(ticks[^1].LastPrice, body.GetProperty("close")[0].GetDecimal());
        Assert.Equal(ticks[^1].Volume - ticks[0].Volume, body.GetProperty("volume")[0].GetInt64());
    }

    [Fact]
    public async Task Rest_IntradayRejectsIntervalFinerThanRecording()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(12, 0));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "charts/intraday",
            """{"securityId":"11536","exchangeSegment":"NSE_EQ","instrument":"EQUITY","interval":"1","fromDate":"2025-12-24","toDate":"2025-12-24"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DH-907", (await ReadAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Rest_HistoricalBuildsDailyBarsFromRecordedMinutesUpToClosedDays()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(10, 0));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "charts/historical",
            """{"securityId":"2885","exchangeSegment":"NSE_EQ","instrument":"EQUITY","expiryCode":0,"fromDate":"2025-12-22","toDate":"2025-12-31"}""");
        var body = await ReadAsync(response);

        var dec23 = TestData.Engine.GetDay(MarketRecording.Reliance, new DateOnly(2025, 12, 23))!.Bars;
        Assert.Equal(2, body.GetProperty("timestamp").GetArrayLength());
        Assert.Equal(TestData.At(2025, 12, 23, 0, 0).ToUnixTimeSeconds(), body.GetProperty("timestamp")[1].GetInt64());
        Assert.Equal(dec23[0].Open, body.GetProperty("open")[1].GetDecimal());
        Assert.Equal(dec23.Max(b => b.High), body.GetProperty("high")[1].GetDecimal());
        Assert.Equal(dec23.Min(b => b.Low), body.GetProperty("low")[1].GetDecimal());
        Assert.Equal(dec23[^1].Close, body.GetProperty("close")[1].GetDecimal());
        Assert.Equal(dec23.Sum(b => b.Volume), body.GetProperty("volume")[1].GetInt64());
    }

    [Fact]
    public async Task Rest_HistoricalToDateIsExclusive()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(10, 0));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "charts/historical",
            """{"securityId":"13","exchangeSegment":"IDX_I","instrument":"INDEX","fromDate":"2025-12-22","toDate":"2025-12-23"}""");

        Assert.Equal(1, (await ReadAsync(response)).GetProperty("timestamp").GetArrayLength());
    }

    [Fact]
    public async Task Rest_OptionChainSidesWithRecordedPriceHaveIvAndDelta()
    {
        var (simulator, _, http) = await StartAsync(new DateOnly(2026, 2, 6), new TimeOnly(10, 47));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "optionchain", """{"UnderlyingScrip":13,"UnderlyingSeg":"IDX_I","Expiry":"2026-02-24"}""");
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = body.GetProperty("data");
        var nifty = TestData.Engine.GetDay(MarketRecording.Nifty50, new DateOnly(2026, 2, 6))!.LatestAt(TestData.At(2026, 2, 6, 10, 47))!;
        Assert.Equal(nifty.LastPrice, data.GetProperty("last_price").GetDecimal());
        var sides = data.GetProperty("oc").EnumerateObject().SelectMany(strike => strike.Value.EnumerateObject()).Select(side => side.Value).ToArray();
        Assert.Equal(42, sides.Length);
        foreach (var side in sides)
        {
            Assert.True(side.GetProperty("last_price").GetDecimal() > 0);
            Assert.True(side.GetProperty("implied_volatility").GetDouble() > 0);
            var delta = Math.Abs(side.GetProperty("greeks").GetProperty("delta").GetDouble());
            Assert.InRange(delta, double.Epsilon, 1 - 1e-9);
        }

        var call = data.GetProperty("oc").GetProperty("25100.000000").GetProperty("ce");
        Assert.Equal(567m, call.GetProperty("last_price").GetDecimal());
        Assert.Equal(338780, call.GetProperty("oi").GetInt64());
        Assert.Equal(565.6m, call.GetProperty("top_bid_price").GetDecimal());
        Assert.Equal(130, call.GetProperty("top_ask_quantity").GetInt64());
        Assert.Equal(692.95m, call.GetProperty("previous_close_price").GetDecimal());
    }

    [Theory]
    [InlineData(9, 30, 13)]
    [InlineData(15, 0, 13)]
    [InlineData(9, 30, 25)]
    [InlineData(15, 0, 25)]
    public async Task Rest_OptionChainHasIvAndDeltaThroughTheDay(int hour, int minute, int underlying)
    {
        var (simulator, _, http) = await StartAsync(new DateOnly(2026, 2, 6), new TimeOnly(hour, minute));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "optionchain", $$"""{"UnderlyingScrip":{{underlying}},"UnderlyingSeg":"IDX_I","Expiry":"2026-02-24"}""");
        var body = await ReadAsync(response);

        var sides = body.GetProperty("data").GetProperty("oc").EnumerateObject().SelectMany(strike => strike.Value.EnumerateObject()).ToArray();
        Assert.NotEmpty(sides);
        foreach (var side in sides)
        {
            Assert.True(side.Value.GetProperty("implied_volatility").ValueKind == JsonValueKind.Number, $"{side.Name} has no IV");
            Assert.True(side.Value.GetProperty("implied_volatility").GetDouble() > 0);
            var delta = Math.Abs(side.Value.GetProperty("greeks").GetProperty("delta").GetDouble());
            Assert.InRange(delta, double.Epsilon, 1 - 1e-9);
        }
    }

    [Fact]
    public async Task Rest_ExpiryListComesFromMaster()
    {
        var (simulator, _, http) = await StartAsync(new DateOnly(2026, 2, 6), new TimeOnly(10, 47));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "optionchain/expirylist", """{"UnderlyingScrip":25,"UnderlyingSeg":"IDX_I"}""");

        Assert.Equal(["2026-02-24"], (await ReadAsync(response)).GetProperty("data").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Rest_QuoteServesLatestTickAtClock()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(11, 0, 30));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "marketfeed/quote", """{"NSE_EQ":[2885,1333],"IDX_I":[13]}""");
        var data = (await ReadAsync(response)).GetProperty("data");

        var now = TestData.At(2025, 12, 24, 11, 0, 30);
        var reliance = TestData.Engine.GetDay(MarketRecording.Reliance, Dec24)!;
        var tick = reliance.LatestAt(now)!;
        var quote = data.GetProperty("NSE_EQ").GetProperty("2885");
        Assert.Equal(tick.LastPrice, quote.GetProperty("last_price").GetDecimal());
        Assert.Equal(tick.Volume, quote.GetProperty("volume").GetInt64());
        Assert.Equal(reliance.PreviousClose!.Value.Price, quote.GetProperty("ohlc").GetProperty("close").GetDecimal());
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("oi").ValueKind);
        Assert.False(data.GetProperty("NSE_EQ").TryGetProperty("1333", out _));
        Assert.True(data.GetProperty("IDX_I").TryGetProperty("13", out _));
    }

    [Fact]
    public async Task Rest_LtpInPreOpenIsPreviousDaysLastTick()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(9, 5));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "marketfeed/ltp", """{"NSE_EQ":[2885]}""");
        var data = (await ReadAsync(response)).GetProperty("data");

        var previousDay = TestData.Engine.GetDay(MarketRecording.Reliance, new DateOnly(2025, 12, 23))!;
        Assert.Equal(previousDay.Bars[^1].Close, data.GetProperty("NSE_EQ").GetProperty("2885").GetProperty("last_price").GetDecimal());
    }

    [Fact]
    public async Task Rest_RejectsWrongAccessTokenWithDh901()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(11, 0));
        await using var _1 = simulator;
        using var _2 = http;
        http.DefaultRequestHeaders.Remove("access-token");
        http.DefaultRequestHeaders.Add("access-token", "wrong");

        using var response = await PostAsync(http, "marketfeed/ltp", """{"IDX_I":[13]}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal("DH-901", body.GetProperty("errorCode").GetString());
        Assert.Equal("Invalid_Authentication", body.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Rest_RejectsBadDateWithDh905()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(11, 0));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "charts/intraday",
            """{"securityId":"13","exchangeSegment":"IDX_I","instrument":"INDEX","interval":"1","fromDate":"24-12-2025","toDate":"2025-12-24"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DH-905", (await ReadAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Rest_SecondQuoteWithinOneSecondGets429()
    {
        var (simulator, wall, http) = await StartAsync(Dec24, new TimeOnly(11, 0));
        await using var _1 = simulator;
        using var _2 = http;

        using var first = await PostAsync(http, "marketfeed/ltp", """{"IDX_I":[13]}""");
        using var second = await PostAsync(http, "marketfeed/ohlc", """{"IDX_I":[13]}""");
        wall.Advance(TimeSpan.FromSeconds(1));
        using var third = await PostAsync(http, "marketfeed/ltp", """{"IDX_I":[13]}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var body = await ReadAsync(second);
        Assert.Equal("DH-904", body.GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Rest_SixthChartRequestWithinOneSecondGets429()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(11, 0));
        await using var _1 = simulator;
        using var _2 = http;
        const string Request = """{"securityId":"13","exchangeSegment":"IDX_I","instrument":"INDEX","fromDate":"2025-12-01","toDate":"2025-12-24"}""";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await PostAsync(http, "charts/historical", Request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Rest_SameOptionChainWithinThreeSecondsGets429()
    {
        var (simulator, wall, http) = await StartAsync(new DateOnly(2026, 2, 6), new TimeOnly(10, 47));
        await using var _1 = simulator;
        using var _2 = http;
        const string Nifty = """{"UnderlyingScrip":13,"UnderlyingSeg":"IDX_I","Expiry":"2026-02-24"}""";

        using var first = await PostAsync(http, "optionchain", Nifty);
        using var repeated = await PostAsync(http, "optionchain", """{ "Expiry": "2026-02-24", "UnderlyingSeg": "IDX_I", "UnderlyingScrip": 13 }""");
        using var other = await PostAsync(http, "optionchain", """{"UnderlyingScrip":25,"UnderlyingSeg":"IDX_I","Expiry":"2026-02-24"}""");
        wall.Advance(TimeSpan.FromSeconds(3));
        using var later = await PostAsync(http, "optionchain", Nifty);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Rest_UnknownPathGetsDhanNotFoundBody()
    {
        var (simulator, _, http) = await StartAsync(Dec24, new TimeOnly(11, 0));
        await using var _1 = simulator;
        using var _2 = http;

        using var response = await PostAsync(http, "charts/weekly", "{}");
        var body = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", body.GetProperty("error").GetString());
        Assert.Equal("/v2/charts/weekly", body.GetProperty("path").GetString());
    }
}
