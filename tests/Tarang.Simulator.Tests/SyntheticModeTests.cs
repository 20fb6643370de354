using System.Net.Http.Json;
using System.Text.Json;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;

namespace Tarang.Simulator.Tests;

public sealed class SyntheticModeTests
{
    [Fact]
    public async Task Synthetic_SendsTicksAtConfiguredTotalRate()
    {
        // 2,000 ticks per second over 100 instruments is 20 per instrument per second.
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Mode = SimulatorMode.Synthetic,
            SyntheticInstrumentCount = 100,
            SyntheticTicksPerSecond = 2_000,
        });
        var instruments = TestData.Master.Catalog.Instruments
            .Where(i => i.Key.Segment == ExchangeSegment.NseEq && i.Kind == InstrumentKind.Equity)
            .OrderBy(i => i.Key.SecurityId)
            .Take(100)
            .Select(i => i.Key)
            .ToArray();
        await using var client = await FeedTestClient.ConnectAsync(simulator);

        await client.SubscribeAsync(15, instruments);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var tickers = client.Of<TickerPacket>().ToArray();
        Assert.InRange(tickers.Length, 2_000, 6_000);
        Assert.Equal(100, tickers.Select(t => t.Instrument).Distinct().Count());
        Assert.All(tickers, t => Assert.True(t.LastTradedPrice > 0));
    }

    [Fact]
    public async Task Synthetic_IsLabelledOnControlClock()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Mode = SimulatorMode.Synthetic, SyntheticInstrumentCount = 10 });
        using var http = new HttpClient();

        var clock = await http.GetFromJsonAsync<JsonElement>(new Uri(simulator.ControlUrl, "clock"));

        Assert.Equal("synthetic", clock.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Synthetic_IgnoresInstrumentsOutsideItsSet()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Mode = SimulatorMode.Synthetic, SyntheticInstrumentCount = 10 });
        await using var client = await FeedTestClient.ConnectAsync(simulator);

        await client.SubscribeAsync(15, new InstrumentKey(ExchangeSegment.IdxI, 13));
        await Task.Delay(500);

        Assert.Empty(client.Packets);
    }
}
