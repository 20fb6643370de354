using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tarang.Dhan.Instruments;
using Tarang.Simulator;
using Tarang.Simulator.Synthetic;

namespace Tarang.Load;

/// <summary>
/// The simulator in its synthetic high-rate mode, started inside the tool on a free loopback
/// port. The server process connects to it as to a standalone simulator. Its instruments are the
/// same first N NSE equities of the bundled master that the simulator ticks.
/// </summary>
internal sealed class SyntheticFeed : IAsyncDisposable
{
    private readonly RunningSimulator simulator;
    private readonly ILoggerFactory loggerFactory;
    private readonly HttpClient control;

    private SyntheticFeed(RunningSimulator simulator, ILoggerFactory loggerFactory, IReadOnlyList<string> instruments)
    {
        this.simulator = simulator;
        this.loggerFactory = loggerFactory;
        Instruments = instruments;
        control = new HttpClient { BaseAddress = simulator.ControlUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Instrument keys such as <c>NSE_EQ:1333</c>, in security-id order.</summary>
    public IReadOnlyList<string> Instruments { get; }

    public static async Task<SyntheticFeed> StartAsync(LoadToolOptions options, CancellationToken cancellationToken)
    {
        var simulatorOptions = new SimulatorOptions
        {
            Port = 0,
            Mode = SimulatorMode.Synthetic,
            SyntheticInstrumentCount = options.Universe,
            SyntheticTicksPerSecond = options.TicksPerSecond,
            Seed = options.Seed,
        };
        var master = BundledInstrumentMaster.Load(cancellationToken);
        var universe = new SyntheticMarket(master.Catalog, options.Universe, options.TicksPerSecond, options.Seed).Instruments
            .Select(i => i.Key.ToString())
            .ToArray();
        if (universe.Length < options.Universe)
        {
            throw new ArgumentException($"--universe is {options.Universe}, but the bundled master has only {universe.Length} NSE equities.");
        }

        var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
        var simulator = await SimulatorServer.StartAsync(simulatorOptions, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SyntheticFeed(simulator, loggerFactory, universe);
    }

    /// <summary>Returns the server settings that point its feed, REST calls and exchange clock at this simulator.</summary>
    public IEnumerable<string> ServerSettings() =>
    [
        "--Market:Source=Simulator",
        $"--Dhan:FeedUrl={simulator.FeedUrl}",
        $"--Dhan:RestBaseUrl={simulator.RestBaseUrl}",
        $"--Simulator:ControlUrl={simulator.ControlUrl}",
    ];

    /// <summary>Returns the feed connections open at the simulator and the instruments they subscribe.</summary>
    public async Task<(int Connections, int Instruments)> ReadConnectionsAsync(CancellationToken cancellationToken)
    {
        var connections = await control.GetFromJsonAsync<JsonElement>(new Uri("connections", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var instruments = 0;
        foreach (var connection in connections.EnumerateArray())
        {
            instruments += connection.GetProperty("instruments").GetInt32();
        }

        return (connections.GetArrayLength(), instruments);
    }

    public async ValueTask DisposeAsync()
    {
        control.Dispose();
        await simulator.DisposeAsync().ConfigureAwait(false);
        loggerFactory.Dispose();
    }
}
