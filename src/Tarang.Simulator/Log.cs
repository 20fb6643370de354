using Microsoft.Extensions.Logging;

namespace Tarang.Simulator;

/// <summary>The simulator's log messages; event ids 6000–6099, never renumbered.</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Simulator listening: feed {FeedUrl}, REST {RestBaseUrl}, control {ControlUrl}; mode {Mode}.")]
    public static partial void Started(ILogger logger, Uri feedUrl, Uri restBaseUrl, Uri controlUrl, SimulatorMode mode);

    [LoggerMessage(6001, LogLevel.Information, "Exchange clock {Instant:yyyy-MM-dd HH:mm:ss zzz}, epoch {Epoch}, speed {Speed}x, market {Status}.")]
    public static partial void ClockReport(ILogger logger, DateTimeOffset instant, int epoch, double speed, Market.Time.MarketStatus status);

    [LoggerMessage(6002, LogLevel.Information, "Replay {Event} for {Date:yyyy-MM-dd} at {Instant:HH:mm:ss zzz}, epoch {Epoch}.")]
    public static partial void ClockEvent(ILogger logger, string @event, DateOnly date, DateTimeOffset instant, int epoch);

    [LoggerMessage(6010, LogLevel.Debug, "Feed connection {ConnectionId} of client {ClientId} opened.")]
    public static partial void FeedConnected(ILogger logger, long connectionId, string clientId);

    [LoggerMessage(6011, LogLevel.Debug, "Feed connection {ConnectionId} closed.")]
    public static partial void FeedClosed(ILogger logger, long connectionId);

    [LoggerMessage(6012, LogLevel.Warning, "Feed handshake rejected with HTTP {StatusCode}: {Reason}")]
    public static partial void HandshakeRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(6013, LogLevel.Warning, "Feed connection {ConnectionId} disconnected with reason {ReasonCode}: {Reason}")]
    public static partial void FeedDisconnected(ILogger logger, long connectionId, int reasonCode, string reason);

    [LoggerMessage(6014, LogLevel.Debug, "Feed connection {ConnectionId} failed.")]
    public static partial void FeedFailed(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(6020, LogLevel.Debug, "REST {Path} rejected with HTTP {StatusCode} {ErrorCode}: {ErrorMessage}")]
    public static partial void RestRejected(ILogger logger, string path, int statusCode, string errorCode, string errorMessage);

    [LoggerMessage(6021, LogLevel.Warning, "REST {Path} rejected with HTTP 429: the client exceeded Dhan's rate limit for this API.")]
    public static partial void RateLimited(ILogger logger, string path);

    [LoggerMessage(6030, LogLevel.Information, "Control: {Action}.")]
    public static partial void ControlAction(ILogger logger, string action);
}
