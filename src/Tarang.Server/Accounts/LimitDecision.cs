namespace Tarang.Server.Accounts;

/// <summary>The outcome of one attempt on a <see cref="KeyedWindowLimiter"/>.</summary>
public readonly record struct LimitDecision
{
    /// <summary>The attempt was counted and may go ahead.</summary>
    public static LimitDecision Acquired { get; } = new() { IsAcquired = true };

    public bool IsAcquired { get; private init; }

    /// <summary>How long until an attempt may succeed; zero when acquired.</summary>
    public TimeSpan RetryAfter { get; private init; }

    /// <summary>True when the attempt was rejected because the limiter tracks as many keys as it may.</summary>
    public bool TableFull { get; private init; }

    public static LimitDecision Rejected(TimeSpan retryAfter, bool tableFull) => new() { RetryAfter = retryAfter, TableFull = tableFull };
}
