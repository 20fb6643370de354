using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Replay;

/// <summary>
/// One tick of the replay: a recorded tick as recorded, or one synthesised between bar points.
/// A null field was not recorded and is sent as absent (0 on the feed, null in REST).
/// </summary>
public sealed record ReplayTick
{
    /// <summary>The exchange instant at which the feed sends the tick.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The last trade time; equals <see cref="Time"/> for synthesised ticks.</summary>
    public required DateTimeOffset LastTradeTime { get; init; }

    /// <summary>The last traded price in rupees.</summary>
    public required decimal LastPrice { get; init; }

    /// <summary>The last traded quantity in shares; null when not recorded.</summary>
    public long? LastQuantity { get; init; }

    /// <summary>The day's cumulative volume in shares; null when not recorded (indices trade no volume).</summary>
    public long? Volume { get; init; }

    public decimal? DayOpen { get; init; }

    public decimal? DayHigh { get; init; }

    public decimal? DayLow { get; init; }

    /// <summary>The day's volume-weighted average price; only where recorded.</summary>
    public decimal? AveragePrice { get; init; }

    public long? TotalBuyQuantity { get; init; }

    public long? TotalSellQuantity { get; init; }

    /// <summary>Open interest in shares; only where recorded.</summary>
    public long? OpenInterest { get; init; }

    public long? OpenInterestDayHigh { get; init; }

    public long? OpenInterestDayLow { get; init; }

    /// <summary>Recorded depth, best level first; empty when not recorded.</summary>
    public IReadOnlyList<RecordedDepthLevel> Depth { get; init; } = [];

    /// <summary>True when the tick was synthesised between recorded bar points.</summary>
    public bool IsSynthesised { get; init; }
}
