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

/// <summary>
/// The <c>closing</c> event, sent just before the server closes the connection: a code for
/// programs (<see cref="ClosingCodes"/>) and a reason for people.
/// </summary>
[MessagePackObject]
public sealed record ClosingMessage([property: Key("code")] string Code, [property: Key("reason")] string Reason);

/// <summary>The codes of the <c>closing</c> event.</summary>
public static class ClosingCodes
{
    /// <summary>The session ended; log in again before reconnecting.</summary>
    public const string SessionEnded = "session-ended";

    /// <summary>The server is stopping; reconnect in a few seconds, to this or another instance.</summary>
    public const string Shutdown = "shutdown";

    /// <summary>The client did not read its updates in time, so this code never reaches it.</summary>
    public const string Stalled = "stalled";
}
