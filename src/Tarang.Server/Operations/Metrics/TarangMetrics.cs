using System.Diagnostics.Metrics;
using Tarang.Dhan.Feed;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;

namespace Tarang.Server.Operations.Metrics;

/// <summary>
/// The server's instruments on the meter <c>Tarang.Server</c>: the feed's state, packets, faults,
/// reconnects and subscriptions, the active sessions and the tracked instruments. All are
/// observable: they read the counters the feed and the supervisor keep anyway, so nothing is
/// added to the decoding path. The values are read when the exporter collects them, at each scrape.
/// </summary>
/// <remarks>
/// Registered as a hosted service only so that it is created at start: creating it registers the
/// instruments.
/// </remarks>
internal sealed class TarangMetrics : IHostedService
{
    /// <summary>The meter's name; the exporter takes every meter whose name starts with <c>Tarang</c>.</summary>
    public const string MeterName = "Tarang.Server";

    private static readonly FeedState[] States = Enum.GetValues<FeedState>();
    private static readonly FeedDecodeFault[] Faults = Enum.GetValues<FeedDecodeFault>();
    private static readonly FeedResponseCode[] Codes = Enum.GetValues<FeedResponseCode>();

    private readonly DhanFeed feed;

    public TarangMetrics(IMeterFactory meterFactory, DhanFeed feed, FeedSupervisor supervisor, LatestValues latestValues)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.feed = feed;
        var meter = meterFactory.Create(MeterName);

        meter.CreateObservableGauge("tarang.feed.state", ObserveState, unit: null,
            description: "1 for the feed's current state (label state), 0 for the others.");
        meter.CreateObservableGauge("tarang.feed.connections", () => feed.GetStatus().OpenConnections, unit: "{connection}",
            description: "Feed sockets open to Dhan now, live or silent.");
        meter.CreateObservableGauge("tarang.feed.subscribed_instruments", () => feed.GetStatus().Subscribed, unit: "{instrument}",
            description: "(instrument, mode) pairs subscribed on an open feed socket; this is what Dhan counts against its 5,000 per socket.");
        meter.CreateObservableGauge("tarang.feed.desired_instruments", () => feed.GetStatus().Desired, unit: "{instrument}",
            description: "(instrument, mode) pairs the server wants subscribed, sent or not yet sent.");
        meter.CreateObservableCounter("tarang.feed.messages", () => feed.DecodeCounters.Messages, unit: "{message}",
            description: "WebSocket messages decoded from the feed.");
        meter.CreateObservableCounter("tarang.feed.packets", ObservePackets, unit: "{packet}",
            description: "Feed packets decoded, by kind (ticker, quote, full, ...); the rate is ticks per second.");
        meter.CreateObservableCounter("tarang.feed.malformed_packets", ObserveFaults, unit: "{packet}",
            description: "Malformed feed input skipped by the decoder, by fault.");
        meter.CreateObservableCounter("tarang.feed.dropped_messages", () => feed.Counters.DroppedMessages, unit: "{message}",
            description: "Feed messages dropped because the decode queue (Feed:ReceiveQueueCapacity) was full.");
        meter.CreateObservableCounter("tarang.feed.unknown_instrument_packets", () => feed.Counters.UnknownInstrumentPackets, unit: "{packet}",
            description: "Feed packets dropped because their instrument is not in the instrument master.");
        meter.CreateObservableCounter("tarang.feed.reconnects", ObserveReconnects, unit: "{reconnect}",
            description: "Disconnects and failed connects after which a feed socket reconnects (or waits for new credentials), by reason: Dhan's code, http_NNN or the kind.");
        meter.CreateObservableCounter("tarang.feed.connect_attempts", () => feed.Counters.ConnectAttempts, unit: "{attempt}",
            description: "Connect attempts of all feed sockets.");
        meter.CreateObservableCounter("tarang.dhan.rate_limit.waits", () => ObserveRateLimit(feed.Counters.RateLimitWaits), unit: "{wait}",
            description: "Back-offs imposed by a Dhan rate limit, by limit (feed_connections: Dhan's 805 or HTTP 429 at the upgrade).");
        meter.CreateObservableCounter("tarang.dhan.rate_limit.wait_time", () => ObserveRateLimit(feed.Counters.RateLimitWaitTime.TotalSeconds), unit: "s",
            description: "Seconds of back-off imposed by a Dhan rate limit, summed, by limit.");
        meter.CreateObservableGauge("tarang.sessions.active", () => supervisor.ActiveSessionCount, unit: "{session}",
            description: "Sessions counted as active by the feed supervisor.");
        meter.CreateObservableGauge("tarang.market.tracked_instruments", () => latestValues.Count, unit: "{instrument}",
            description: "Instruments whose latest values the server keeps.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The feed connection limit is the one Dhan rate limit the server meets so far; REST calls will add their classes.
    private static Measurement<T> ObserveRateLimit<T>(T value)
        where T : struct => new(value, new KeyValuePair<string, object?>("limit", "feed_connections"));

    private IEnumerable<Measurement<int>> ObserveState()
    {
        var current = feed.GetStatus().State;
        foreach (var state in States)
        {
            yield return new Measurement<int>(state == current ? 1 : 0, new KeyValuePair<string, object?>("state", state.ToString()));
        }
    }

    private IEnumerable<Measurement<long>> ObservePackets()
    {
        var counters = feed.DecodeCounters;
        long known = 0;
        foreach (var code in Codes)
        {
            var count = counters.PacketsWithCode(code);
            known += count;
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("kind", KindLabel(code)));
        }

        long all = 0;
        for (var code = 0; code <= byte.MaxValue; code++)
        {
            all += counters.PacketsWithCode((byte)code);
        }

        yield return new Measurement<long>(all - known, new KeyValuePair<string, object?>("kind", "unknown"));
    }

    private IEnumerable<Measurement<long>> ObserveFaults()
    {
        foreach (var fault in Faults)
        {
            yield return new Measurement<long>(feed.DecodeCounters.FaultCount(fault), new KeyValuePair<string, object?>("fault", fault.ToString()));
        }
    }

    private IEnumerable<Measurement<long>> ObserveReconnects()
    {
        foreach (var (reason, count) in feed.Counters.DisconnectsByReason)
        {
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private static string KindLabel(FeedResponseCode code) => code switch
    {
        FeedResponseCode.Index => "index",
        FeedResponseCode.Ticker => "ticker",
        FeedResponseCode.MarketDepth => "market_depth",
        FeedResponseCode.Quote => "quote",
        FeedResponseCode.OpenInterest => "open_interest",
        FeedResponseCode.PreviousClose => "previous_close",
        FeedResponseCode.MarketStatus => "market_status",
        FeedResponseCode.Full => "full",
        FeedResponseCode.Disconnect => "disconnect",
        _ => "unknown",
    };
}
