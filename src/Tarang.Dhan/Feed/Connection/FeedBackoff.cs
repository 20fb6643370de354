namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// Delays between connect attempts. Ordinary failures start at <see cref="FeedOptions.InitialBackoff"/>
/// and double up to <see cref="FeedOptions.MaxBackoff"/>, each shortened by up to 20 % at random so
/// that many clients do not retry in step; the delays still grow because 2 × 0.8 is more than 1.
/// Reason 805 starts at <see cref="FeedOptions.TooManyConnectionsInitialBackoff"/> and doubles up
/// to <see cref="FeedOptions.TooManyConnectionsMaxBackoff"/>, lengthened by up to 10 % but never
/// past the cap, so it never retries sooner than the floor Dhan's warning calls for.
/// </summary>
internal sealed class FeedBackoff(FeedOptions options)
{
    private const double OrdinaryJitter = 0.2;
    private const double TooManyConnectionsJitter = 0.1;

    // 2^30 seconds is decades, so capping the exponent keeps the arithmetic finite.
    private const int MaxDoublings = 30;

    /// <summary>Returns the delay after the <paramref name="failures"/>-th consecutive ordinary failure (from 1).</summary>
    public TimeSpan Ordinary(int failures)
    {
        var nominal = Nominal(options.InitialBackoff, options.MaxBackoff, failures);
        return nominal * (1 - (OrdinaryJitter * Random.Shared.NextDouble()));
    }

    /// <summary>Returns the delay after the <paramref name="count"/>-th consecutive 805 disconnect (from 1).</summary>
    public TimeSpan TooManyConnections(int count)
    {
        var nominal = Nominal(options.TooManyConnectionsInitialBackoff, options.TooManyConnectionsMaxBackoff, count);
        var jittered = nominal * (1 + (TooManyConnectionsJitter * Random.Shared.NextDouble()));
        return jittered < options.TooManyConnectionsMaxBackoff ? jittered : options.TooManyConnectionsMaxBackoff;
    }

    private static TimeSpan Nominal(TimeSpan initial, TimeSpan max, int count)
    {
        var doublings = Math.Clamp(count - 1, 0, MaxDoublings);
        var seconds = initial.TotalSeconds * Math.Pow(2, doublings);
        return seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
    }
}
