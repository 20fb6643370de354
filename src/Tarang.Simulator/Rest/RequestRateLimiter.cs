namespace Tarang.Simulator.Rest;

/// <summary>A sliding-window request counter per key on the wall clock, as Dhan limits each user.</summary>
internal sealed class RequestRateLimiter(TimeProvider wallClock)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.Ordinal);
    private readonly Lock windowLock = new();

    /// <summary>Counts the request and returns true when fewer than <paramref name="limit"/> fell within <paramref name="window"/> before it.</summary>
    public bool TryAcquire(string key, int limit, TimeSpan window)
    {
        var now = wallClock.GetUtcNow();
        lock (windowLock)
        {
            if (!windows.TryGetValue(key, out var times))
            {
                times = new Queue<DateTimeOffset>();
                windows.Add(key, times);
            }

            while (times.Count > 0 && now - times.Peek() >= window)
            {
                times.Dequeue();
            }

            if (times.Count >= limit)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }
}
