using System.Collections.Concurrent;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// Live counts of the feed's resources and events, so tests and metrics can see that nothing
/// piles up across reconnects.
/// </summary>
public sealed class FeedCounters
{
    private long openSockets;
    private long activeTimers;
    private long runningReceiveLoops;
    private long runningSendLoops;
    private long connectAttempts;
    private long connectsInFlight;
    private long maxConnectsInFlight;
    private long droppedMessages;
    private long unknownInstrumentPackets;
    private readonly ConcurrentDictionary<string, long> disconnectsByReason = new(StringComparer.Ordinal);
    private long queuedBytes;
    private long rateLimitWaits;
    private long rateLimitWaitTicks;

    /// <summary>ClientWebSocket objects created and not yet disposed.</summary>
    public long OpenSockets => Interlocked.Read(ref openSockets);

    /// <summary>Watchdog timers created and not yet disposed.</summary>
    public long ActiveTimers => Interlocked.Read(ref activeTimers);

    /// <summary>Receive loops running.</summary>
    public long RunningReceiveLoops => Interlocked.Read(ref runningReceiveLoops);

    /// <summary>Send loops running.</summary>
    public long RunningSendLoops => Interlocked.Read(ref runningSendLoops);

    /// <summary>Connect attempts since the feed was created.</summary>
    public long ConnectAttempts => Interlocked.Read(ref connectAttempts);

    /// <summary>Connect attempts under way now, over all sockets.</summary>
    public long ConnectsInFlight => Interlocked.Read(ref connectsInFlight);

    /// <summary>The most connect attempts ever under way at once, over all sockets.</summary>
    public long MaxConnectsInFlight => Interlocked.Read(ref maxConnectsInFlight);

    /// <summary>Messages dropped because the decode queue was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref droppedMessages);

    /// <summary>Bytes of receive buffers waiting in the decode queue or being decoded now.</summary>
    public long QueuedBytes => Interlocked.Read(ref queuedBytes);

    /// <summary>
    /// Back-offs that Dhan's limit on feed connections imposed: a connection closed with 805 (too
    /// many connections) or an upgrade rejected with HTTP 429.
    /// </summary>
    public long RateLimitWaits => Interlocked.Read(ref rateLimitWaits);

    /// <summary>Time the <see cref="RateLimitWaits"/> back-offs were set to last, summed.</summary>
    public TimeSpan RateLimitWaitTime => TimeSpan.FromTicks(Interlocked.Read(ref rateLimitWaitTicks));

    /// <summary>Packets dropped because their instrument has no tick size in the catalog.</summary>
    public long UnknownInstrumentPackets => Interlocked.Read(ref unknownInstrumentPackets);

    /// <summary>
    /// Disconnects and failed connect attempts that led to a retry or a halt, by reason: Dhan's
    /// code (<c>805</c>, <c>807</c>, or <c>other</c> for a code outside 800–814), <c>http_401</c> and
    /// the like for a rejected upgrade, or the kind (<c>connect_failed</c>, <c>server_closed</c>,
    /// <c>connection_lost</c>, <c>silence</c>). Stops and closes for lack of demand are not counted.
    /// </summary>
    public IReadOnlyDictionary<string, long> DisconnectsByReason => disconnectsByReason;

    /// <summary>Returns the label <see cref="DisconnectsByReason"/> counts a disconnect under; the set of labels is bounded.</summary>
    public static string ReasonLabel(FeedDisconnect disconnect)
    {
        ArgumentNullException.ThrowIfNull(disconnect);
        return disconnect.Kind switch
        {
            FeedDisconnectKind.DhanReason when disconnect.ReasonCode is >= DhanDisconnectReasons.InternalServerError and <= DhanDisconnectReasons.InvalidRequest
                => disconnect.ReasonCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FeedDisconnectKind.DhanReason => "other",
            FeedDisconnectKind.UpgradeRejected when disconnect.HttpStatusCode is >= 100 and <= 599
                => "http_" + disconnect.HttpStatusCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FeedDisconnectKind.UpgradeRejected => "http_other",
            FeedDisconnectKind.ConnectFailed => "connect_failed",
            FeedDisconnectKind.ServerClosed => "server_closed",
            FeedDisconnectKind.ConnectionLost => "connection_lost",
            FeedDisconnectKind.Silence => "silence",
            FeedDisconnectKind.NoDemand => "no_demand",
            _ => "stopped",
        };
    }

    internal void Disconnected(FeedDisconnect disconnect) =>
        disconnectsByReason.AddOrUpdate(ReasonLabel(disconnect), 1, (_, count) => count + 1);

    internal void SocketCreated() => Interlocked.Increment(ref openSockets);

    internal void SocketDisposed() => Interlocked.Decrement(ref openSockets);

    internal void TimerCreated() => Interlocked.Increment(ref activeTimers);

    internal void TimerDisposed() => Interlocked.Decrement(ref activeTimers);

    internal void ReceiveLoopStarted() => Interlocked.Increment(ref runningReceiveLoops);

    internal void ReceiveLoopEnded() => Interlocked.Decrement(ref runningReceiveLoops);

    internal void SendLoopStarted() => Interlocked.Increment(ref runningSendLoops);

    internal void SendLoopEnded() => Interlocked.Decrement(ref runningSendLoops);

    internal void ConnectStarted()
    {
        Interlocked.Increment(ref connectAttempts);
        var now = Interlocked.Increment(ref connectsInFlight);
        var max = Interlocked.Read(ref maxConnectsInFlight);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref maxConnectsInFlight, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    internal void ConnectEnded() => Interlocked.Decrement(ref connectsInFlight);

    /// <summary>Counts a buffer into the decode queue unless that would pass <paramref name="maxBytes"/>.</summary>
    internal bool TryReserveQueueBytes(int bytes, long maxBytes)
    {
        // Compare-and-swap rather than add-then-undo, so a reader never sees the count over the limit.
        var current = Interlocked.Read(ref queuedBytes);
        while (current + bytes <= maxBytes)
        {
            var seen = Interlocked.CompareExchange(ref queuedBytes, current + bytes, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    internal void ReleaseQueueBytes(int bytes) => Interlocked.Add(ref queuedBytes, -bytes);

    internal void RateLimitWaited(TimeSpan delay)
    {
        Interlocked.Increment(ref rateLimitWaits);
        Interlocked.Add(ref rateLimitWaitTicks, delay.Ticks);
    }

    internal void MessageDropped() => Interlocked.Increment(ref droppedMessages);

    internal void UnknownInstruments(long count) => Interlocked.Add(ref unknownInstrumentPackets, count);
}
