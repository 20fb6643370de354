namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// Limits and timings of the live-feed connection, bound from the <c>Feed</c> configuration
/// section. Durations are TimeSpan text (<c>00:00:30</c>).
/// </summary>
public sealed class FeedOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Feed";

    /// <summary>Dhan allows five WebSocket connections per user; a sixth makes Dhan drop the oldest with reason 805.</summary>
    public const int DhanMaxConnections = 5;

    /// <summary>
    /// Dhan's limit of instruments per connection. The feed counts each (instrument, mode) pair as
    /// one, so an instrument held in two modes takes two places.
    /// </summary>
    public const int MaxSubscriptionsPerConnection = 5_000;

    /// <summary>Default <see cref="MaxConnections"/>: one socket.</summary>
    public const int DefaultMaxConnections = 1;

    /// <summary>Default <see cref="SilentAfter"/>: 15 seconds without a message while the market is open.</summary>
    public static readonly TimeSpan DefaultSilentAfter = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Default <see cref="ReceiveSilenceThreshold"/>: 90 seconds, the data-stall limit openalgo's
    /// Dhan adapter settled on after silent sockets went unnoticed.
    /// </summary>
    public static readonly TimeSpan DefaultReceiveSilenceThreshold = TimeSpan.FromSeconds(90);

    /// <summary>Default <see cref="KeepAliveInterval"/>: a ping every 10 seconds, as Dhan's server pings.</summary>
    public static readonly TimeSpan DefaultKeepAliveInterval = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="PongTimeout"/>: 40 seconds, the time Dhan's server waits for a pong.</summary>
    public static readonly TimeSpan DefaultPongTimeout = TimeSpan.FromSeconds(40);

    /// <summary>Default <see cref="ConnectTimeout"/>: 15 seconds for the TCP, TLS and WebSocket handshake.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Default <see cref="InitialBackoff"/>: one second.</summary>
    public static readonly TimeSpan DefaultInitialBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Default <see cref="MaxBackoff"/>: one minute.</summary>
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>Default <see cref="TooManyConnectionsInitialBackoff"/>: one minute, because Dhan warns that more requests after 805 may block the user.</summary>
    public static readonly TimeSpan DefaultTooManyConnectionsInitialBackoff = TimeSpan.FromSeconds(60);

    /// <summary>Default <see cref="TooManyConnectionsMaxBackoff"/>: ten minutes.</summary>
    public static readonly TimeSpan DefaultTooManyConnectionsMaxBackoff = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="StableConnectionPeriod"/>: one minute.</summary>
    public static readonly TimeSpan DefaultStableConnectionPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Default <see cref="DisconnectRequestTimeout"/>: two seconds.</summary>
    public static readonly TimeSpan DefaultDisconnectRequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Default <see cref="ReceiveQueueCapacity"/>: 10,000 messages.</summary>
    public const int DefaultReceiveQueueCapacity = 10_000;

    /// <summary>Default <see cref="MaxMessageBytes"/>: 1 MiB. A full packet is 162 bytes, so a real feed message comes nowhere near it.</summary>
    public const int DefaultMaxMessageBytes = 1024 * 1024;

    /// <summary>Default <see cref="ReceiveQueueMaxBytes"/>: 64 MiB.</summary>
    public const long DefaultReceiveQueueMaxBytes = 64L * 1024 * 1024;

    /// <summary>Maximum number of sockets in the pool, 1 to 5 (default 1).</summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>Silence on an open socket with subscriptions, while the market is open, after which the feed reports <c>Silent</c>.</summary>
    public TimeSpan SilentAfter { get; set; } = DefaultSilentAfter;

    /// <summary>Silence on an open socket with subscriptions, while the market is open, after which the socket is closed and reopened.</summary>
    public TimeSpan ReceiveSilenceThreshold { get; set; } = DefaultReceiveSilenceThreshold;

    /// <summary>Interval of the client's own WebSocket pings.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = DefaultKeepAliveInterval;

    /// <summary>How long the client waits for the pong to one of its pings before it aborts the socket, at any hour.</summary>
    public TimeSpan PongTimeout { get; set; } = DefaultPongTimeout;

    /// <summary>Time allowed for one connect attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>First delay after an ordinary failure; each further failure doubles it, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = DefaultInitialBackoff;

    /// <summary>Largest delay between attempts after ordinary failures.</summary>
    public TimeSpan MaxBackoff { get; set; } = DefaultMaxBackoff;

    /// <summary>First delay after disconnect reason 805 (too many connections or requests); it doubles up to <see cref="TooManyConnectionsMaxBackoff"/>.</summary>
    public TimeSpan TooManyConnectionsInitialBackoff { get; set; } = DefaultTooManyConnectionsInitialBackoff;

    /// <summary>Largest delay after repeated 805 disconnects.</summary>
    public TimeSpan TooManyConnectionsMaxBackoff { get; set; } = DefaultTooManyConnectionsMaxBackoff;

    /// <summary>A socket that stayed open this long resets the backoff, so one drop after hours starts again at <see cref="InitialBackoff"/>.</summary>
    public TimeSpan StableConnectionPeriod { get; set; } = DefaultStableConnectionPeriod;

    /// <summary>How long stopping waits for the disconnect request to be sent and the server to close.</summary>
    public TimeSpan DisconnectRequestTimeout { get; set; } = DefaultDisconnectRequestTimeout;

    /// <summary>
    /// Received messages waiting for the decoder. When it is full the receive loop drops the
    /// message and counts it rather than wait, so pongs keep flowing.
    /// </summary>
    public int ReceiveQueueCapacity { get; set; } = DefaultReceiveQueueCapacity;

    /// <summary>
    /// Largest message in bytes, counted over all its frames. A larger message (or continuation
    /// frames that never end one) means a broken peer: the socket is closed, the event logged, and
    /// the feed reconnects after the ordinary backoff.
    /// </summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>
    /// Bytes of receive buffers the decode queue may hold, over all sockets. Past it, messages are
    /// dropped and counted like those past <see cref="ReceiveQueueCapacity"/>, so large messages
    /// cannot fill memory while the decoder is slow.
    /// </summary>
    public long ReceiveQueueMaxBytes { get; set; } = DefaultReceiveQueueMaxBytes;
}
