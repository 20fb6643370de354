namespace Tarang.Market.Time;

/// <summary>
/// Settings of the replay exchange clock. Times of day are IST; durations are exchange time.
/// </summary>
public sealed record ReplayClockOptions
{
    /// <summary>The default start day, when the recorded option quotes with OI begin.</summary>
    public static readonly DateOnly DefaultStartDate = new(2026, 2, 6);

    /// <summary>The default start time of day, IST.</summary>
    public static readonly TimeOnly DefaultStartTime = new(10, 47);

    /// <summary>The default intraday square-off time, IST.</summary>
    public static readonly TimeOnly DefaultSquareOffTime = new(15, 20);

    /// <summary>The default closed period after each close, in exchange time.</summary>
    public static readonly TimeSpan DefaultClosedPeriod = TimeSpan.FromMinutes(15);

    /// <summary>The replayed trading days; each must be a trading day of the calendar.</summary>
    public required IReadOnlyList<DateOnly> Days { get; init; }

    /// <summary>The day the clock starts on; must be one of <see cref="Days"/>.</summary>
    public DateOnly StartDate { get; init; } = DefaultStartDate;

    /// <summary>The IST time of day the clock starts at; any time, before the open or after the close included.</summary>
    public TimeOnly StartTime { get; init; } = DefaultStartTime;

    /// <summary>Exchange seconds per wall-clock second; must be positive.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Exchange time between the close and the jump to the next day's pre-open.</summary>
    public TimeSpan ClosedPeriod { get; init; } = DefaultClosedPeriod;

    /// <summary>Whether the clock wraps from the last day back to the first, starting a new epoch.</summary>
    public bool Loop { get; init; } = true;

    /// <summary>The IST time of day at which intraday positions are squared off.</summary>
    public TimeOnly SquareOffTime { get; init; } = DefaultSquareOffTime;

    /// <summary>How often, in wall-clock time, the clock checks for due events.</summary>
    public TimeSpan EventCheckInterval { get; init; } = TimeSpan.FromMilliseconds(50);
}
