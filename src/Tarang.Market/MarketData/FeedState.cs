namespace Tarang.Market.MarketData;

/// <summary>
/// The state of the upstream market feed, one value for logs, admin status, health, metrics and
/// the status sent to clients.
/// </summary>
public enum FeedState
{
    /// <summary>Not started, because no one needs market data.</summary>
    Idle,

    /// <summary>A socket is being opened.</summary>
    Connecting,

    /// <summary>Every socket in use is open.</summary>
    Live,

    /// <summary>A socket is open but has received no data for a while although the market is open.</summary>
    Silent,

    /// <summary>Waiting before the next connect attempt after a disconnect or a failed attempt.</summary>
    BackingOff,

    /// <summary>
    /// Dhan rejected the house credentials (disconnect reasons 806, 808, 809, 810 or HTTP 401/403
    /// at the upgrade); the feed waits for new credentials.
    /// </summary>
    CredentialRejected,

    /// <summary>Dhan reported the access token expired (disconnect reason 807); the feed waits for a new token.</summary>
    TokenExpired,

    /// <summary>Closing the sockets after a stop request.</summary>
    Stopping,
}
