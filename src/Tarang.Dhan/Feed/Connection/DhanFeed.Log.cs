using Microsoft.Extensions.Logging;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

public sealed partial class DhanFeed
{
    /// <summary>
    /// The feed's log messages, event ids 1000–1099. URLs are logged redacted (scheme, host, port
    /// and path) because the query string carries the access token.
    /// </summary>
    internal static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Information, "The Dhan feed is starting with up to {MaxConnections} sockets to {FeedUrl}.")]
        public static partial void Starting(ILogger logger, int maxConnections, string feedUrl);

        [LoggerMessage(1001, LogLevel.Information, "The Dhan feed stopped.")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(1002, LogLevel.Information, "The Dhan feed state changed from {Previous} to {Current}.")]
        public static partial void StateChanged(ILogger logger, FeedState previous, FeedState current);

        [LoggerMessage(1003, LogLevel.Debug, "Feed socket {Connection} is connecting to {FeedUrl}, attempt {Attempt}.")]
        public static partial void Connecting(ILogger logger, int connection, string feedUrl, int attempt);

        [LoggerMessage(1004, LogLevel.Debug, "Feed socket {Connection} is open; {Count} subscriptions to send.")]
        public static partial void Connected(ILogger logger, int connection, int count);

        [LoggerMessage(1005, LogLevel.Warning, "Feed socket {Connection} disconnected or failed to connect ({Reason}); retrying in {Delay} (attempt {Attempt}).")]
        public static partial void Retrying(ILogger logger, int connection, string reason, TimeSpan delay, int attempt);

        [LoggerMessage(1006, LogLevel.Warning, "Dhan rejected the credentials of client {ClientId} ({Reason}); the feed waits for new credentials (Dhan:ClientId and Dhan:AccessToken, or the admin replacement).")]
        public static partial void CredentialsRejected(ILogger logger, string clientId, string reason);

        [LoggerMessage(1007, LogLevel.Warning, "Dhan reported the access token of client {ClientId} expired (reason 807); the feed waits for a new token.")]
        public static partial void TokenExpired(ILogger logger, string clientId);

        [LoggerMessage(1008, LogLevel.Information, "The feed resumes from {State} with new credentials of client {ClientId}.")]
        public static partial void ResumingWithNewCredentials(ILogger logger, FeedState state, string clientId);

        [LoggerMessage(1009, LogLevel.Warning, "Feed socket {Connection} has received nothing for {Silence} while the market is open.")]
        public static partial void Silent(ILogger logger, int connection, TimeSpan silence);

        [LoggerMessage(1010, LogLevel.Warning, "Feed socket {Connection} was silent for {Silence}, past Feed:ReceiveSilenceThreshold, while the market is open; reconnecting.")]
        public static partial void SilenceReconnect(ILogger logger, int connection, TimeSpan silence);

        [LoggerMessage(1011, LogLevel.Warning, "The feed's decode queue is full (Feed:ReceiveQueueCapacity {Capacity} messages or Feed:ReceiveQueueMaxBytes {MaxBytes} bytes); socket {Connection} drops messages until it drains. Drops are counted, not logged each.")]
        public static partial void QueueFull(ILogger logger, int connection, int capacity, long maxBytes);

        [LoggerMessage(1012, LogLevel.Debug, "Feed socket {Connection} sent request {RequestCode} for {Count} instruments.")]
        public static partial void RequestSent(ILogger logger, int connection, FeedRequestCode requestCode, int count);

        [LoggerMessage(1013, LogLevel.Debug, "Feed socket {Connection} sent the disconnect request.")]
        public static partial void DisconnectRequestSent(ILogger logger, int connection);

        [LoggerMessage(1014, LogLevel.Warning, "Feed socket {Connection} did not close within Feed:DisconnectRequestTimeout ({Timeout}) after the disconnect request; closing it anyway.")]
        public static partial void DisconnectRequestTimedOut(ILogger logger, int connection, TimeSpan timeout);

        [LoggerMessage(1015, LogLevel.Error, "The market-update sink threw while handling a message from feed socket {Connection}; the message was skipped.")]
        public static partial void SinkFailed(ILogger logger, int connection, Exception exception);

        [LoggerMessage(1016, LogLevel.Error, "The connect loop of feed socket {Connection} failed unexpectedly ({ErrorType}: {ErrorMessage}); it retries after a backoff.")]
        public static partial void LoopFailed(ILogger logger, int connection, string errorType, string errorMessage);

        [LoggerMessage(1017, LogLevel.Warning, "Feed socket {Connection} received a message larger than {MaxBytes} bytes (Feed:MaxMessageBytes); closing the socket and reconnecting after a backoff.")]
        public static partial void MessageTooLarge(ILogger logger, int connection, int maxBytes);

        [LoggerMessage(1018, LogLevel.Warning, "The feed rejected {Requested} new subscriptions: it holds {Held} of its capacity of {Capacity} (instrument, mode) pairs.")]
        public static partial void CapacityExceeded(ILogger logger, int requested, int held, int capacity);

        [LoggerMessage(1020, LogLevel.Debug, "Feed socket {Connection} has no subscriptions left; it sent the disconnect request and closes until pairs come back.")]
        public static partial void Released(ILogger logger, int connection);

        [LoggerMessage(1019, LogLevel.Warning, "Feed socket {Connection} received reason 805 (too many connections or requests); retrying in {Delay} (attempt {Attempt}).")]
        public static partial void TooManyConnections(ILogger logger, int connection, TimeSpan delay, int attempt);

        [LoggerMessage(1021, LogLevel.Warning, "Feed socket {Connection} received {Count} malformed packets in one message, which were skipped; faults since start: {FaultTotals}. {Suppressed} more such warnings were suppressed (at most one per {Interval}).")]
        public static partial void MalformedPackets(ILogger logger, int connection, long count, string faultTotals, long suppressed, TimeSpan interval);

        [LoggerMessage(1022, LogLevel.Warning, "Feed socket {Connection} received {Count} packets for instruments missing from the instrument master, which were dropped ({Total} since start). {Suppressed} more such warnings were suppressed (at most one per {Interval}).")]
        public static partial void UnknownInstruments(ILogger logger, int connection, long count, long total, long suppressed, TimeSpan interval);
    }
}
