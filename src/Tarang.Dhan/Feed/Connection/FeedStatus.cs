using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>A snapshot of the whole feed: its state, its sockets and its subscriptions.</summary>
public sealed record FeedStatus
{
    public required FeedState State { get; init; }

    /// <summary>Every socket slot of the pool, open or not.</summary>
    public required IReadOnlyList<FeedConnectionStatus> Connections { get; init; }

    /// <summary>Sockets open now, live or silent.</summary>
    public int OpenConnections => Connections.Count(c => c.State is FeedState.Live or FeedState.Silent);

    /// <summary>Pairs whose subscribe request went out on an open socket.</summary>
    public required int Subscribed { get; init; }

    /// <summary>Pairs in the desired set that are not subscribed yet.</summary>
    public int Pending => Desired - Subscribed;

    /// <summary>Pairs in the desired set.</summary>
    public required int Desired { get; init; }

    /// <summary>The most recent disconnect of any socket.</summary>
    public FeedDisconnect? LastDisconnect { get; init; }

    /// <summary>The highest attempt number among the sockets.</summary>
    public int Attempt => Connections.Count == 0 ? 0 : Connections.Max(c => c.Attempt);

    /// <summary>The earliest next retry among the sockets that are backing off.</summary>
    public DateTimeOffset? NextRetryAt => Connections.Where(c => c.NextRetryAt is not null).Min(c => c.NextRetryAt);
}
