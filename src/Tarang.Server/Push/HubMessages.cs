using MessagePack;
using Tarang.Server.LiveData;

namespace Tarang.Server.Push;

/// <summary>The argument of <c>Subscribe</c>: instrument keys such as "NSE_EQ:2885" and a mode.</summary>
[MessagePackObject]
public sealed record SubscribeRequest
{
    [Key("instruments")]
    public IReadOnlyList<string>? Instruments { get; init; }

    /// <summary>ticker, quote or full; quote when absent.</summary>
    [Key("mode")]
    public string? Mode { get; init; }
}

/// <summary>The reply to <c>Subscribe</c>: what is subscribed now and the snapshot of each instrument that has data.</summary>
[MessagePackObject]
public sealed record SubscribeResult(
    [property: Key("mode")] string Mode,
    [property: Key("instruments")] IReadOnlyList<string> Instruments,
    [property: Key("snapshots")] IReadOnlyList<MarketSnapshot> Snapshots);

/// <summary>The argument of <c>Unsubscribe</c>.</summary>
[MessagePackObject]
public sealed record UnsubscribeRequest
{
    [Key("instruments")]
    public IReadOnlyList<string>? Instruments { get; init; }
}

/// <summary>The reply to <c>Unsubscribe</c>: the instruments released, and how many stay subscribed.</summary>
[MessagePackObject]
public sealed record UnsubscribeResult(
    [property: Key("instruments")] IReadOnlyList<string> Instruments,
    [property: Key("remaining")] int Remaining);

/// <summary>The reply to <c>Heartbeat</c>.</summary>
[MessagePackObject]
public sealed record HeartbeatResult(
    [property: Key("sessionExpiresAt")] DateTimeOffset SessionExpiresAt,
    [property: Key("lastActivity")] DateTimeOffset LastActivity);

/// <summary>The <c>feedState</c> event: the shared feed's state, as the admin status and health report it.</summary>
[MessagePackObject]
public sealed record FeedStateMessage(
    [property: Key("state")] string State,
    [property: Key("at")] DateTimeOffset At,
    [property: Key("reason")] string? Reason);

/// <summary>The <c>closing</c> event, sent just before the server closes the connection.</summary>
[MessagePackObject]
public sealed record ClosingMessage([property: Key("reason")] string Reason);
