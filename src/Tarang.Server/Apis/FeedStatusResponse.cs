using Tarang.Server.Feed;

namespace Tarang.Server.Apis;

/// <summary>The body of <c>GET /api/admin/feed</c>. Instants are UTC; instruments are keys such as <c>IDX_I:13</c>.</summary>
public sealed record FeedStatusResponse(
    int ActiveSessions,
    bool FeedNeeded,
    string FeedState,
    int OpenConnections,
    DateTimeOffset? GraceEndsAt,
    DateTimeOffset? LastReconciledAt,
    string? LastStopReason,
    DateTimeOffset? LastStoppedAt,
    FeedDisconnectResponse? LastDisconnect,
    int CachedInstruments,
    bool CacheStale,
    IReadOnlyList<FeedSubscriptionResponse> Subscriptions)
{
    public static FeedStatusResponse From(FeedSupervisorStatus status) => new(
        status.ActiveSessions,
        status.FeedNeeded,
        status.FeedState.ToString(),
        status.OpenConnections,
        status.GraceEndsAt,
        status.LastReconciledAt,
        status.LastStopReason,
        status.LastStoppedAt,
        status.LastDisconnect is { } disconnect
            ? new FeedDisconnectResponse(disconnect.Kind.ToString(), disconnect.ReasonCode, disconnect.At, disconnect.ToString())
            : null,
        status.CachedInstruments,
        status.CacheStale,
        [.. status.Subscriptions.Select(s => new FeedSubscriptionResponse(s.Instrument.ToString(), s.Mode.ToString(), s.Holders))]);
}

/// <summary>One instrument subscribed upstream, its mode and the number of holders of the instrument.</summary>
public sealed record FeedSubscriptionResponse(string Instrument, string Mode, int Holders);

/// <summary>The last disconnect of a feed socket: its kind, Dhan's reason code if any, and a redacted description.</summary>
public sealed record FeedDisconnectResponse(string Kind, int? ReasonCode, DateTimeOffset At, string Description);
