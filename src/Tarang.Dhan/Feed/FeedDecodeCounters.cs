namespace Tarang.Dhan.Feed;

/// <summary>
/// Counts of decoded packets by response code and of malformed input by fault. One decoding
/// thread writes; readers on other threads may see values a few updates old, which is all a
/// metric needs.
/// </summary>
public sealed class FeedDecodeCounters
{
    private readonly long[] packetsByCode = new long[256];
    private readonly long[] faults = new long[Enum.GetValues<FeedDecodeFault>().Length];

    private long faultTotal;

    /// <summary>Number of WebSocket messages passed to the decoder.</summary>
    public long Messages { get; private set; }

    /// <summary>Returns how many packets with this response code were seen, skipped codes included.</summary>
    public long PacketsWithCode(byte code) => Volatile.Read(ref packetsByCode[code]);

    /// <inheritdoc cref="PacketsWithCode(byte)"/>
    public long PacketsWithCode(FeedResponseCode code) => PacketsWithCode((byte)code);

    /// <summary>Returns how many times the fault occurred.</summary>
    public long FaultCount(FeedDecodeFault fault) => Volatile.Read(ref faults[(int)fault]);

    /// <summary>Returns how many faults of every kind occurred in all.</summary>
    public long TotalFaults => Volatile.Read(ref faultTotal);

    internal void CountMessage() => Messages++;

    internal void CountPacket(byte code) => packetsByCode[code]++;

    internal void CountFault(FeedDecodeFault fault)
    {
        faults[(int)fault]++;
        faultTotal++;
    }
}
