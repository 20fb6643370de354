namespace Tarang.Market.Diagnostics;

/// <summary>
/// Lets a warning that can repeat per packet or per request through at most once per interval and
/// counts the occurrences it holds back, so the next line written can report how many were
/// suppressed. Thread-safe. Time comes from the wall clock.
/// </summary>
/// <example>
/// <code>
/// if (warning.ShouldWrite(out var suppressed))
/// {
///     Log.MalformedPackets(logger, connection, count, suppressed);
/// }
/// </code>
/// </example>
public sealed class RateLimitedWarning
{
    /// <summary>Default <see cref="Interval"/>: one line per minute per warning.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider clock;
    private readonly Lock sync = new();
    private long lastWrittenAt;
    private bool everWritten;
    private long suppressed;

    public RateLimitedWarning(TimeProvider clock, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var chosen = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(chosen, TimeSpan.Zero, nameof(interval));
        this.clock = clock;
        Interval = chosen;
    }

    /// <summary>The shortest time between two lines of this warning.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// Records one occurrence. Returns true when the caller should write the warning now; then
    /// <paramref name="suppressedSinceLast"/> is the number of occurrences held back since the
    /// last line written, and the count starts again from zero.
    /// </summary>
    public bool ShouldWrite(out long suppressedSinceLast)
    {
        var now = clock.GetTimestamp();
        lock (sync)
        {
            if (everWritten && clock.GetElapsedTime(lastWrittenAt, now) < Interval)
            {
                suppressed++;
                suppressedSinceLast = 0;
                return false;
            }

            everWritten = true;
            lastWrittenAt = now;
            suppressedSinceLast = suppressed;
            suppressed = 0;
            return true;
        }
    }
}
