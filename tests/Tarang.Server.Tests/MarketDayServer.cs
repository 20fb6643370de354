using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Market.Instruments;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;

namespace Tarang.Server.Tests;

/// <summary>
/// A server replaying 2025-12-24 from 10:00 IST with the standard default universe, shared by the
/// market route tests. NIFTY 50, BANKNIFTY and RELIANCE have 1-minute bars that day, and TCS has
/// 15-minute bars. The other universe members have no recording, so they never get data.
/// </summary>
public sealed class MarketDayServer : IAsyncLifetime
{
    private LoopbackServer? server;

    internal LoopbackServer Server => server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() =>
        server = await LoopbackServer.StartAsync(
            "--Simulator:StartDate=2025-12-24",
            "--Simulator:StartTime=10:00:00",
            "--MarketApi:FirstDataWait=00:00:03",
            "--RateLimits:PerAddressPermitLimit=1000");

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Registers a user and waits until RELIANCE, NIFTY 50 and BANKNIFTY have prices, so tests see recorded values.</summary>
    public async Task<string> RegisterAndWaitForPricesAsync(string email)
    {
        var (token, _) = await AuthClient.RegisterAsync(Server.Client, email);
        var latest = Server.Services.GetRequiredService<LatestValues>();
        InstrumentKey[] recorded = [new(ExchangeSegment.NseEq, 2885), new(ExchangeSegment.IdxI, 13), new(ExchangeSegment.IdxI, 25)];
        await FeedTestKit.EventuallyAsync(
            () => recorded.All(k => latest.TryGet(k, out var v) && v.Values.LastTradedPrice is not null && v.Values.PreviousClose is not null),
            "RELIANCE, NIFTY 50 and BANKNIFTY did not all get a price and a previous close");
        return token;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string path, string? token)
    {
        var response = await AuthClient.SendAsync(Server.Client, HttpMethod.Get, path, token);
        var body = response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body, response);
    }

    /// <summary>
    /// Asserts that the item equals the server's snapshot of its instrument made from the same
    /// received values. Returns false when a newer update has replaced those values.
    /// </summary>
    public bool MatchesSnapshot(JsonElement item)
    {
        Assert.True(InstrumentKey.TryParse(item.GetProperty("instrument").GetString(), out var key));
        var state = Server.Services.GetRequiredService<MarketState>();
        var latest = Server.Services.GetRequiredService<LatestValues>();
        var catalog = Server.Services.GetRequiredService<Services.MarketReferenceData>().Catalog;
        if (!latest.TryGet(key, out var value) || !catalog.TryGet(key, out var instrument))
        {
            return false;
        }

        if (value.ReceivedAt != item.GetProperty("receivedAt").GetDateTimeOffset())
        {
            return false;
        }

        var snapshot = MarketState.ToSnapshot(instrument, value, state.Conditions());
        Assert.Equal(snapshot.Symbol, item.GetProperty("symbol").GetString());
        Assert.Equal(snapshot.Name, item.GetProperty("name").GetString());
        AssertDecimal(snapshot.Ltp, item, "ltp");
        AssertDecimal(snapshot.Change, item, "change");
        AssertDecimal(snapshot.ChangePercent, item, "changePercent");
        AssertDecimal(snapshot.Open, item, "open");
        AssertDecimal(snapshot.High, item, "high");
        AssertDecimal(snapshot.Low, item, "low");
        AssertDecimal(snapshot.PreviousClose, item, "prevClose");
        AssertDecimal(snapshot.Close, item, "close");
        AssertDecimal(snapshot.Atp, item, "atp");
        AssertLong(snapshot.Volume, item, "volume");
        AssertLong(snapshot.Ltq, item, "ltq");
        AssertLong(snapshot.TotalBuyQuantity, item, "totalBuyQuantity");
        AssertLong(snapshot.TotalSellQuantity, item, "totalSellQuantity");
        Assert.Equal(snapshot.Ltt, item.GetProperty("ltt").ValueKind == JsonValueKind.Null ? null : item.GetProperty("ltt").GetDateTimeOffset());
        bool? isPositive = item.GetProperty("isPositive").ValueKind == JsonValueKind.Null ? null : item.GetProperty("isPositive").GetBoolean();
        Assert.Equal(snapshot.Change is { } change ? change >= 0 : null, isPositive);
        Assert.Equal(item.GetProperty("receivedAt").GetString(), item.GetProperty("timestamp").GetString());
        Assert.EndsWith("+05:30", item.GetProperty("receivedAt").GetString(), StringComparison.Ordinal);
        Assert.True(item.GetProperty("hasData").GetBoolean());
        Assert.True(item.GetProperty("ageMs").GetInt64() >= 0);
        return true;
    }

    /// <summary>Fetches the path until one item of the instrument matches the snapshot it was made from.</summary>
    public async Task AssertItemMatchesSnapshotAsync(string path, string token, Func<JsonElement, IEnumerable<JsonElement>> items, string instrument)
    {
        await FeedTestKit.EventuallyAsync(
            async () =>
            {
                var (_, body, _) = await GetAsync(path, token);
                return MatchesSnapshot(items(body).Single(i => i.GetProperty("instrument").GetString() == instrument));
            },
            $"{path} never returned {instrument} as its latest snapshot");
    }

    private static void AssertDecimal(decimal? expected, JsonElement item, string name)
    {
        var property = item.GetProperty(name);
        Assert.True(expected is null ? property.ValueKind == JsonValueKind.Null : property.ValueKind == JsonValueKind.Number, $"{name}: expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "null"}, got {property}");
        if (expected is { } value)
        {
            Assert.Equal(value, property.GetDecimal());
        }
    }

    private static void AssertLong(long? expected, JsonElement item, string name)
    {
        var property = item.GetProperty(name);
        Assert.True(expected is null ? property.ValueKind == JsonValueKind.Null : property.ValueKind == JsonValueKind.Number, $"{name}: expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "null"}, got {property}");
        if (expected is { } value)
        {
            Assert.Equal(value, property.GetInt64());
        }
    }
}
