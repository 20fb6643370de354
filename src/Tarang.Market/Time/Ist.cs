namespace Tarang.Market.Time;

/// <summary>
/// Indian Standard Time (UTC+05:30, no daylight saving) and Dhan's "IST-as-epoch" feed times.
/// Instants are stored as UTC; IST is for display, sessions, expiries and candle boundaries.
/// </summary>
public static class Ist
{
    /// <summary>The IST offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromMinutes(330);

    /// <summary>
    /// Seconds to subtract from a Dhan feed LTT to get a true Unix time: the feed counts seconds
    /// since 1970-01-01 00:00 IST, not UTC.
    /// </summary>
    public const long FeedTimeShiftSeconds = 19_800;

    /// <summary>Returns the instant with an IST offset (<c>2025-12-29T12:47:02+05:30</c>).</summary>
    public static DateTimeOffset ToIst(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>Returns the IST calendar date of the instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToIst(instant).DateTime);

    /// <summary>Returns the IST wall-clock time of day of the instant.</summary>
    public static TimeOnly TimeOf(DateTimeOffset instant) => TimeOnly.FromDateTime(ToIst(instant).DateTime);

    /// <summary>Returns the instant at an IST date and wall-clock time.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    /// <summary>Converts a Dhan feed LTT (seconds since 1970-01-01 00:00 IST) to the true instant, in IST.</summary>
    public static DateTimeOffset FromFeedTime(uint istEpochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(istEpochSeconds - FeedTimeShiftSeconds).ToOffset(Offset);

    /// <summary>Converts an instant to a Dhan feed LTT (seconds since 1970-01-01 00:00 IST).</summary>
    public static uint ToFeedTime(DateTimeOffset instant) =>
        checked((uint)(instant.ToUnixTimeSeconds() + FeedTimeShiftSeconds));
}
