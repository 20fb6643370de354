namespace Tarang.Dhan.Feed.Connection;

/// <summary>Why a feed socket closed or a connect attempt failed.</summary>
public enum FeedDisconnectKind
{
    /// <summary>Dhan sent a disconnect packet (code 50) with a reason code such as 805 or 807.</summary>
    DhanReason,

    /// <summary>The server rejected the WebSocket upgrade with an HTTP error status.</summary>
    UpgradeRejected,

    /// <summary>The connect attempt failed without an HTTP response (refused, reset, timed out, TLS).</summary>
    ConnectFailed,

    /// <summary>The server closed the WebSocket without a disconnect packet.</summary>
    ServerClosed,

    /// <summary>The connection broke: a reset, a failed send, or a pong that never came.</summary>
    ConnectionLost,

    /// <summary>The socket stayed silent past the threshold while the market was open, so the feed closed it.</summary>
    Silence,

    /// <summary>The feed was stopped.</summary>
    Stopped,

    /// <summary>
    /// A socket after the first had no subscriptions left, so the feed closed it to give the
    /// connection back to Dhan's budget of five per user. It reopens when pairs come back.
    /// </summary>
    NoDemand,
}
