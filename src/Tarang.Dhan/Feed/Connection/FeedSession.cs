using System.Net.WebSockets;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>One open WebSocket of a slot, from the upgrade to the close.</summary>
internal sealed class FeedSession(ClientWebSocket socket, long openedAt)
{
    private long lastReceivedAt = openedAt;
    private int silenceTimedOut;

    public ClientWebSocket Socket { get; } = socket;

    /// <summary>Wall-clock timestamp of the upgrade.</summary>
    public long OpenedAt { get; } = openedAt;

    /// <summary>Wall-clock timestamp of the last complete message; written by the receive loop.</summary>
    public long LastReceivedAt
    {
        get => Volatile.Read(ref lastReceivedAt);
        set => Volatile.Write(ref lastReceivedAt, value);
    }

    /// <summary>Wall-clock timestamp from which silence counts (feed lock): the later of the open and the market's opening.</summary>
    public long SilenceCountsFrom { get; set; } = openedAt;

    /// <summary>True while the feed reports this socket silent (feed lock).</summary>
    public bool IsSilent { get; set; }

    /// <summary>True once the send loop closed this socket because its slot has no pairs (feed lock).</summary>
    public bool Released { get; set; }

    /// <summary>Dhan's first disconnect reason received on this socket (feed lock).</summary>
    public int? DhanReason { get; set; }

    /// <summary>True once the watchdog aborted the socket for silence.</summary>
    public bool SilenceTimedOut => Volatile.Read(ref silenceTimedOut) != 0;

    /// <summary>The receive loop, set once it starts.</summary>
    public Task<FeedDisconnect> Receiving { get; set; } = Task.FromResult<FeedDisconnect>(null!);

    public void MarkSilenceTimedOut() => Volatile.Write(ref silenceTimedOut, 1);
}
