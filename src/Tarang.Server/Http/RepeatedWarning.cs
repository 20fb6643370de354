namespace Tarang.Server.Http;

/// <summary>
/// Lets one warning through per <see cref="Interval"/> and counts the ones held back, so a flood
/// of the same event writes one line a minute that says how many it stands for.
/// </summary>
public sealed class RepeatedWarning(TimeProvider timeProvider)
{
    /// <summary>The shortest time between two logged warnings.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock sync = new();
    private long? lastLoggedAt;
    private long suppressed;

    /// <summary>Returns true when the caller should log now, with the number held back since the last line.</summary>
    public bool ShouldLog(out long suppressedSinceLast)
    {
        var now = timeProvider.GetTimestamp();
        lock (sync)
        {
            if (lastLoggedAt is { } last && timeProvider.GetElapsedTime(last, now) < Interval)
            {
                suppressed++;
                suppressedSinceLast = 0;
                return false;
            }

            lastLoggedAt = now;
            suppressedSinceLast = suppressed;
            suppressed = 0;
            return true;
        }
    }
}
