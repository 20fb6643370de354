using Microsoft.Extensions.Options;
using Tarang.Server.Options;
using Tarang.Simulator;

namespace Tarang.Server.LiveData;

/// <summary>The <c>source</c> label of market replies: where the server's market data comes from.</summary>
public sealed class MarketDataSource(IOptions<MarketOptions> market, IOptions<SimulatorSettings> simulator)
{
    /// <summary>Dhan's live feed.</summary>
    public const string Dhan = "dhan";

    /// <summary>The simulator replaying recorded trading days.</summary>
    public const string Simulator = "simulator";

    /// <summary>The simulator's seeded random walk for load tests; not market prices.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>
    /// The label for the configured source. NOTE: with a standalone simulator the server cannot
    /// see the simulator's mode, so the label is "simulator" even when that simulator runs synthetic.
    /// </summary>
    public string Label => market.Value.Source switch
    {
        MarketSource.Dhan => Dhan,
        _ when simulator.Value.Mode == SimulatorMode.Synthetic => Synthetic,
        _ => Simulator,
    };
}
