using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>A snapshot of one socket of the pool.</summary>
public sealed record FeedConnectionStatus
{
    /// <summary>Position in the pool, from 0.</summary>
    public required int Index { get; init; }

    public required FeedState State { get; init; }

    /// <summary>Pairs assigned to this socket.</summary>
    public required int Desired { get; init; }

    /// <summary>Pairs whose subscribe request went out on the open socket.</summary>
    public required int Subscribed { get; init; }

    /// <summary>Consecutive failed connects or short-lived connections; 0 after a stable connection.</summary>
    public required int Attempt { get; init; }

    /// <summary>When the next connect attempt starts, while backing off.</summary>
    public DateTimeOffset? NextRetryAt { get; init; }

    public FeedDisconnect? LastDisconnect { get; init; }
}
