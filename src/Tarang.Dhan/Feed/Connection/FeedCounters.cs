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
    private long queuedBytes;

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

    /// <summary>Packets dropped because their instrument has no tick size in the catalog.</summary>
    public long UnknownInstrumentPackets => Interlocked.Read(ref unknownInstrumentPackets);

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

    internal void MessageDropped() => Interlocked.Increment(ref droppedMessages);

    internal void UnknownInstruments(long count) => Interlocked.Add(ref unknownInstrumentPackets, count);
}
