using Tarang.Market.MarketData;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Feed;

/// <summary>One instrument's subscribed modes on one connection and how far its replay has been sent.</summary>
internal sealed class FeedSubscription
{
    public HashSet<FeedMode> Modes { get; } = [];

    /// <summary>The replay being sent; null when the instrument has no recording on the current day.</summary>
    public InstrumentDay? Day { get; set; }

    /// <summary>The date and epoch the cursor belongs to; a change of either restarts the cursor.</summary>
    public (DateOnly Date, int Epoch)? Position { get; set; }

    /// <summary>The index in <see cref="InstrumentDay.Ticks"/> of the next tick to send.</summary>
    public int NextIndex { get; set; }

    /// <summary>True once the previous-close packet was sent for the current day.</summary>
    public bool PreviousCloseSent { get; set; }

    /// <summary>Modes subscribed since the last pump, which get the latest tick as a snapshot.</summary>
    public HashSet<FeedMode> SnapshotModes { get; } = [];

    /// <summary>Synthetic-mode ticks earned but not yet sent, as a fraction of one.</summary>
    public double SyntheticCredit { get; set; }
}
