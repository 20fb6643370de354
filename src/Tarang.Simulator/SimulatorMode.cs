namespace Tarang.Simulator;

/// <summary>What the simulator's feed sends.</summary>
public enum SimulatorMode
{
    /// <summary>The recorded NSE days, replayed on the exchange clock.</summary>
    Replay,

    /// <summary>A seeded random walk over many equities at a chosen tick rate, for load and soak tests; not market data.</summary>
    Synthetic,
}
