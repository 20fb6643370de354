namespace Tarang.Simulator.Recording;

/// <summary>What was recorded for one instrument on one trading day.</summary>
public sealed class RecordedDay
{
    public RecordedDay(DateOnly date) => Date = date;

    /// <summary>The IST trading date.</summary>
    public DateOnly Date { get; }

    /// <summary>The recorded bars in time order; the interval is the recording's own.</summary>
    public List<RecordedBar> Bars { get; } = [];

    /// <summary>The recorded ticks (full-mode ticks, per-second rows or quotes) in time order.</summary>
    public List<Replay.ReplayTick> Ticks { get; } = [];

    /// <summary>The previous close in rupees as the recording gives it (option quotes, futures ticks).</summary>
    public decimal? RecordedPreviousClose { get; set; }
}
