namespace Tarang.Server.Accounts;

/// <summary>
/// Fixed-window attempt counts per key (a client network or an account email), with a cap on the
/// number of keys tracked at once. Windows follow the injected <see cref="TimeProvider"/>'s
/// monotonic timestamps. A key is forgotten once its window has ended, oldest first, as later
/// attempts arrive. When the cap is reached and every tracked window is still running, an attempt
/// under a new key is rejected until the oldest window ends, so a flood of distinct keys cannot
/// grow the table.
/// </summary>
/// <remarks>
/// ASP.NET Core's partitioned rate limiter (DefaultPartitionedRateLimiter in dotnet/runtime's
/// System.Threading.RateLimiting) removes a partition only once it has been idle for 10 seconds.
/// It has no cap on how many partitions exist meanwhile, and each fixed-window partition owns a
/// timer. This type keeps one small record per key.
/// </remarks>
public sealed class KeyedWindowLimiter
{
    private readonly TimeProvider timeProvider;
    private readonly int permitLimit;
    private readonly TimeSpan window;
    private readonly int maxKeys;
    private readonly Lock sync = new();
    private readonly Dictionary<string, Window> windows = new(StringComparer.Ordinal);

    // Windows in the order they started, so the ended ones are found at the head without a scan.
    // Every tracked key has exactly one queued window, because a key is forgotten when its window
    // ends and only then can it start another.
    private readonly Queue<(string Key, Window Window)> byStart = new();

    public KeyedWindowLimiter(TimeProvider timeProvider, int permitLimit, TimeSpan window, int maxKeys)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, 1);
        this.timeProvider = timeProvider;
        this.permitLimit = permitLimit;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /// <summary>Keys tracked now; never more than the cap.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                return windows.Count;
            }
        }
    }

    /// <summary>Takes one attempt for <paramref name="key"/>.</summary>
    public LimitDecision TryAcquire(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = timeProvider.GetTimestamp();
        lock (sync)
        {
            ForgetEnded(now);

            if (windows.TryGetValue(key, out var current))
            {
                if (current.Count >= permitLimit)
                {
                    return LimitDecision.Rejected(Remaining(current, now), tableFull: false);
                }

                current.Count++;
                return LimitDecision.Acquired;
            }

            if (windows.Count >= maxKeys)
            {
                return LimitDecision.Rejected(Remaining(byStart.Peek().Window, now), tableFull: true);
            }

            var started = new Window(now) { Count = 1 };
            windows[key] = started;
            byStart.Enqueue((key, started));
            return LimitDecision.Acquired;
        }
    }

    private void ForgetEnded(long now)
    {
        while (byStart.TryPeek(out var oldest) && timeProvider.GetElapsedTime(oldest.Window.Start, now) >= window)
        {
            byStart.Dequeue();
            windows.Remove(oldest.Key);
        }
    }

    private TimeSpan Remaining(Window current, long now)
    {
        var remaining = window - timeProvider.GetElapsedTime(current.Start, now);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private sealed class Window(long start)
    {
        /// <summary>The <see cref="TimeProvider.GetTimestamp"/> value at the window's first attempt.</summary>
        public long Start { get; } = start;

        public int Count { get; set; }
    }
}
