using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>A snapshot of the supervisor's state: sessions, the feed, the subscriptions and the cache.</summary>
public sealed record FeedSupervisorStatus
{
    public required int ActiveSessions { get; init; }

    /// <summary>True while a session is active or the grace period runs.</summary>
    public required bool FeedNeeded { get; init; }

    public required FeedState FeedState { get; init; }

    public required int OpenConnections { get; init; }

    /// <summary>When the feed stops unless someone logs in, UTC. Null outside the grace period.</summary>
    public DateTimeOffset? GraceEndsAt { get; init; }

    public DateTimeOffset? LastReconciledAt { get; init; }

    /// <summary>Why the supervisor last stopped the feed.</summary>
    public string? LastStopReason { get; init; }

    public DateTimeOffset? LastStoppedAt { get; init; }

    /// <summary>The last disconnect of any socket, as the feed reports it.</summary>
    public FeedDisconnect? LastDisconnect { get; init; }

    public required IReadOnlyList<HeldSubscription> Subscriptions { get; init; }

    public required int CachedInstruments { get; init; }

    public required bool CacheStale { get; init; }
}
