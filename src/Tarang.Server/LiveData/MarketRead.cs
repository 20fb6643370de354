using Tarang.Market.Instruments;

namespace Tarang.Server.LiveData;

/// <summary>
/// The state of a list of instruments read at one moment: each instrument with its snapshot, or
/// with none when no data has arrived for it yet, and the conditions the snapshots were made under.
/// </summary>
public sealed record MarketRead(IReadOnlyList<(Instrument Instrument, MarketSnapshot? Snapshot)> Items, SnapshotConditions Conditions);
