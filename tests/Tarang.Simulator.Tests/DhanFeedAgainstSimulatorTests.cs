using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tarang.Dhan;
using Tarang.Dhan.Feed.Connection;
using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Simulator.Tests;

/// <summary>
/// The product's feed connection, built as the server builds it, against the simulator over a
/// real loopback WebSocket: subscribe and receive, then a dropped connection and the resumed feed.
/// </summary>
public sealed class DhanFeedAgainstSimulatorTests : IAsyncLifetime
{
    private static readonly InstrumentKey Nifty = new(ExchangeSegment.IdxI, 13);
    private static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private RunningSimulator simulator = null!;
    private ServiceProvider services = null!;
    private UpdateQueue sink = null!;
    private DhanFeed feed = null!;

    public async Task InitializeAsync()
    {
        // 2025-12-24 has recordings of both; at 60x each instrument ticks about 12 times a second.
        simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            StartDate = new DateOnly(2025, 12, 24),
            StartTime = new TimeOnly(10, 0),
            Speed = 60,
        });

        var settings = new Dictionary<string, string?>
        {
            ["Dhan:FeedUrl"] = simulator.FeedUrl.ToString(),
            ["Dhan:RestBaseUrl"] = simulator.BaseUrl.ToString(),
            ["Dhan:ClientId"] = simulator.Options.ClientId,
            ["Dhan:AccessToken"] = simulator.Options.AccessToken,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        sink = new UpdateQueue();
        var collection = new ServiceCollection();
        collection.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton<IMarketUpdateSink>(sink);
        collection.AddSingleton<ITickSizeLookup>(BundledInstrumentMaster.Load().Catalog);
        collection.AddKeyedSingleton<TimeProvider>(DhanServiceCollectionExtensions.ExchangeClockKey, simulator.ExchangeClock);
        collection.AddDhanFeed(configuration);
        services = collection.BuildServiceProvider();
        feed = services.GetRequiredService<DhanFeed>();
    }

    public async Task DisposeAsync()
    {
        await feed.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Feed_ReceivesReplayAndResumesAfterDrop()
    {
        await feed.StartAsync(CancellationToken.None);
        feed.Subscribe([Nifty], FeedMode.Ticker);
        feed.Subscribe([Reliance], FeedMode.Quote);

        var first = await sink.WaitForAsync(updates => updates.Count(u => u.Instrument == Nifty) >= 5 && updates.Count(u => u.Instrument == Reliance) >= 5, Bound);

        Assert.Equal(FeedState.Live, feed.GetStatus().State);
        foreach (var update in first.Where(u => u.Kind is MarketUpdateKind.Ticker or MarketUpdateKind.Quote))
        {
            Assert.NotNull(update.LastTradedPrice);
            Assert.Equal(new DateOnly(2025, 12, 24), Ist.DateOf(update.LastTradeTime!.Value));
        }

        Assert.Contains(first, u => u.Instrument == Reliance && u.Kind == MarketUpdateKind.Quote && u.Volume > 0);
        Assert.Contains(first, u => u.Instrument == Nifty && u.Kind == MarketUpdateKind.PreviousClose && u.PreviousClose > 0);

        using var http = new HttpClient { BaseAddress = simulator.ControlUrl };
        var before = await http.GetFromJsonAsync<JsonElement>("connections");
        var droppedId = Assert.Single(before.EnumerateArray()).GetProperty("id").GetInt64();
        (await http.PostAsync($"connections/drop?id={droppedId}", null)).EnsureSuccessStatusCode();
        sink.Clear();

        var resumed = await sink.WaitForAsync(updates => updates.Any(u => u.Instrument == Nifty) && updates.Any(u => u.Instrument == Reliance), Bound);

        Assert.NotEmpty(resumed);
        var after = await http.GetFromJsonAsync<JsonElement>("connections");
        var connection = Assert.Single(after.EnumerateArray());
        Assert.NotEqual(droppedId, connection.GetProperty("id").GetInt64());
        Assert.Equal(2, connection.GetProperty("instruments").GetInt32());
    }

    /// <summary>Collects updates from the feed's consumer task for the test thread.</summary>
    private sealed class UpdateQueue : IMarketUpdateSink
    {
        private readonly ConcurrentQueue<MarketUpdate> updates = new();

        public void OnUpdate(in MarketUpdate update) => updates.Enqueue(update);

        public void OnMarketStatus(InstrumentKey instrument)
        {
        }

        public void OnDisconnect(ushort reasonCode)
        {
        }

        public void Clear() => updates.Clear();

        public async Task<List<MarketUpdate>> WaitForAsync(Func<List<MarketUpdate>, bool> condition, TimeSpan bound)
        {
            var deadline = DateTime.UtcNow + bound;
            while (DateTime.UtcNow < deadline)
            {
                var snapshot = updates.ToList();
                if (condition(snapshot))
                {
                    return snapshot;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"The condition was not met within {bound.TotalSeconds} s; {updates.Count} updates arrived.");
        }
    }
}
