namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// Thrown when a subscription request would take the feed past its capacity of
/// <see cref="FeedOptions.MaxSubscriptionsPerConnection"/> pairs per socket times
/// <c>Feed:MaxConnections</c>. Nothing of the rejected request is subscribed.
/// </summary>
public sealed class FeedCapacityExceededException : InvalidOperationException
{
    public FeedCapacityExceededException()
    {
    }

    public FeedCapacityExceededException(string message)
        : base(message)
    {
    }

    public FeedCapacityExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal FeedCapacityExceededException(int held, int requested, int maxConnections)
        : base($"The feed cannot take {requested} more subscriptions: it holds {held} of its capacity of "
            + $"{maxConnections * FeedOptions.MaxSubscriptionsPerConnection} ({maxConnections} sockets × "
            + $"{FeedOptions.MaxSubscriptionsPerConnection} (instrument, mode) pairs). Raise Feed:MaxConnections "
            + $"(at most {FeedOptions.DhanMaxConnections}) or unsubscribe first.")
    {
        Held = held;
        Requested = requested;
        Capacity = maxConnections * FeedOptions.MaxSubscriptionsPerConnection;
    }

    /// <summary>Pairs held when the request was rejected.</summary>
    public int Held { get; }

    /// <summary>New pairs the request asked for.</summary>
    public int Requested { get; }

    /// <summary>Pairs the feed can hold with its configured sockets.</summary>
    public int Capacity { get; }
}
