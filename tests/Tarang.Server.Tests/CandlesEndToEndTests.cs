using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Simulator.Recording;
using Xunit.Abstractions;

namespace Tarang.Server.Tests;

/// <summary>
/// The server's 1-minute candles against the recorded bars the simulator replays, end to end: the
/// embedded simulator on 2025-12-24 from before the open at 60× speed, a registered user whose
/// session holds the default universe, and the candles read over REST.
/// </summary>
public class CandlesEndToEndTests(ITestOutputHelper output)
{
    private static readonly DateOnly Day = new(2025, 12, 24);

    // Generous: at 60× an exchange minute takes a wall second, and the test needs about six.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly Lazy<MarketRecording> Recording = new(() => MarketRecording.Load(BundledInstrumentMaster.Load()));

    [Fact]
    public async Task Candles_EqualRecordedBars()
    {
        // From 09:08 the session usually holds the instruments before the open, so the first candle is complete too.
        await using var server = await StartAsync(startTime: "09:08:00");
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "candles@example.com");
        using var client = server.CreateClient(token);

        InstrumentKey[] instruments = [MarketRecording.Nifty50, MarketRecording.BankNifty, MarketRecording.Reliance];
        foreach (var instrument in instruments)
        {
            var candles = await WaitForCandlesAsync(client, instrument, count: 6);
            var compared = CompareWithRecording(instrument, candles);
            output.WriteLine($"{instrument}: {candles.GetArrayLength()} candles read from {candles[0].GetProperty("time")} (partial: {candles[0].GetProperty("partial")}), {compared} complete ones equal to the recorded bars");
            Assert.True(compared >= 3, $"Only {compared} complete candles of {instrument} could be compared.");
        }
    }

    [Fact]
    public async Task Candles_StayExactAfterFeedDrop()
    {
        await using var server = await StartAsync();
        using var kit = new FeedTestKit(server);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "reconnect@example.com");
        using var client = server.CreateClient(token);
        var before = await WaitForCandlesAsync(client, MarketRecording.Reliance, count: 3);
        var lastBefore = DateTimeOffset.Parse(before[before.GetArrayLength() - 1].GetProperty("time").GetString()!, CultureInfo.InvariantCulture);

        // The feed reconnects, resubscribes and gets each instrument's latest trade again as a snapshot.
        await kit.DropConnectionsAsync();
        var after = await WaitForCandlesAsync(client, MarketRecording.Reliance, count: before.GetArrayLength() + 5);

        var bars = RecordedBars(MarketRecording.Reliance);
        var comparedAfterDrop = 0;
        for (var i = 0; i < after.GetArrayLength() - 1; i++)
        {
            var candle = after[i];
            var time = DateTimeOffset.Parse(candle.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
            if (candle.GetProperty("partial").GetBoolean())
            {
                continue;
            }

            AssertEqualsBar(bars[time], candle);
            comparedAfterDrop += time > lastBefore ? 1 : 0;
        }

        Assert.True(comparedAfterDrop >= 2, $"Only {comparedAfterDrop} complete candles after the drop could be compared.");
    }

    [Fact]
    public async Task StockOhlc_ReturnsRecordedBarsAsLegacyArrays()
    {
        await using var server = await StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "legacy@example.com");
        using var client = server.CreateClient(token);
        await WaitForCandlesAsync(client, MarketRecording.Reliance, count: 4);

        var body = await client.GetFromJsonAsync<JsonElement>("/api/market/stock-ohlc/RELIANCE?fromDate=2025-12-24&toDate=2025-12-24");

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("feed_candles", body.GetProperty("source").GetString());
        var metadata = body.GetProperty("metadata");
        Assert.Equal("RELIANCE", metadata.GetProperty("symbol").GetString());
        Assert.Equal("2885", metadata.GetProperty("securityId").GetString());
        Assert.Equal("NSE_EQ", metadata.GetProperty("exchangeSegment").GetString());
        Assert.Equal("EQUITY", metadata.GetProperty("instrument").GetString());
        Assert.Equal("2025-12-24", metadata.GetProperty("date").GetString());

        var data = body.GetProperty("data");
        var timestamps = data.GetProperty("timestamp").EnumerateArray().Select(t => t.GetInt64()).ToArray();
        var partial = metadata.GetProperty("partialTimestamps").EnumerateArray().Select(t => t.GetInt64()).ToHashSet();
        var bars = RecordedBars(MarketRecording.Reliance);
        var compared = 0;

        // The last candle may still be forming, and a partial one lacks trades before the feed joined.
        for (var i = 0; i < timestamps.Length - 1; i++)
        {
            if (partial.Contains(timestamps[i]))
            {
                continue;
            }

            var bar = bars[DateTimeOffset.FromUnixTimeSeconds(timestamps[i])];
            Assert.Equal(bar.Open, data.GetProperty("open")[i].GetDecimal());
            Assert.Equal(bar.High, data.GetProperty("high")[i].GetDecimal());
            Assert.Equal(bar.Low, data.GetProperty("low")[i].GetDecimal());
            Assert.Equal(bar.Close, data.GetProperty("close")[i].GetDecimal());
            Assert.Equal(bar.Volume, data.GetProperty("volume")[i].GetInt64());
            compared++;
        }

        Assert.True(compared >= 2, $"Only {compared} complete candles could be compared.");
    }

    private static Task<LoopbackServer> StartAsync(string startTime = "09:14:50") => LoopbackServer.StartAsync(
        "--Simulator:StartDate=2025-12-24", $"--Simulator:StartTime={startTime}", "--Simulator:Speed=60");

    /// <summary>Reads the instrument's candles until at least <paramref name="count"/> are there, and returns the last read.</summary>
    internal static async Task<JsonElement> WaitForCandlesAsync(HttpClient client, InstrumentKey instrument, int count)
    {
        var path = $"/api/market/candles/{instrument.Segment.ToDhanName()}/{instrument.SecurityId}";
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(path);
            var candles = body.GetProperty("candles");
            if (candles.GetArrayLength() >= count)
            {
                return candles;
            }

            Assert.True(watch.Elapsed < Patience, $"{instrument} had {candles.GetArrayLength()} candles after {watch.Elapsed.TotalSeconds:F0} s; expected {count}.");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Checks each complete candle against the recorded bar of its minute and returns how many it
    /// checked. The last candle may still be forming, and a partial one (the feed joined during its
    /// minute) lacks earlier trades, so neither is compared.
    /// </summary>
    internal static int CompareWithRecording(InstrumentKey instrument, JsonElement candles)
    {
        var bars = RecordedBars(instrument);
        var compared = 0;
        for (var i = 0; i < candles.GetArrayLength() - 1; i++)
        {
            var candle = candles[i];
            if (candle.GetProperty("partial").GetBoolean())
            {
                continue;
            }

            var time = DateTimeOffset.Parse(candle.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.FromMinutes(330), time.Offset);
            Assert.True(bars.TryGetValue(time, out var bar), $"{instrument} has a candle at {time:O} but no recorded bar starts then.");
            AssertEqualsBar(bar, candle);
            compared++;
        }

        // Consecutive recorded minutes all traded, so no candle between the first and the last is missing.
        var first = DateTimeOffset.Parse(candles[0].GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        var last = DateTimeOffset.Parse(candles[candles.GetArrayLength() - 1].GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal((int)(last - first).TotalMinutes + 1, candles.GetArrayLength());
        return compared;
    }

    /// <summary>Compares time, open, high, low, close and volume at once, so a failure shows the whole candle.</summary>
    private static void AssertEqualsBar(RecordedBar bar, JsonElement candle) => Assert.Equal(
        (bar.Start, bar.Open, bar.High, bar.Low, bar.Close, (long?)bar.Volume),
        (DateTimeOffset.Parse(candle.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
            candle.GetProperty("open").GetDecimal(),
            candle.GetProperty("high").GetDecimal(),
            candle.GetProperty("low").GetDecimal(),
            candle.GetProperty("close").GetDecimal(),
            candle.GetProperty("volume").ValueKind == JsonValueKind.Null ? null : candle.GetProperty("volume").GetInt64()));

    internal static Dictionary<DateTimeOffset, RecordedBar> RecordedBars(InstrumentKey instrument)
    {
        Assert.True(Recording.Value.TryGetDay(instrument, Day, out var day), $"The recording has no {instrument} on {Day}.");
        return day.Bars.ToDictionary(b => b.Start);
    }
}
