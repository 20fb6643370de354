using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>
/// The 8-byte header of every live-feed packet, laid out as on the wire (little-endian):
/// response code at byte 0, packet length including the header at bytes 1–2, exchange segment
/// at byte 3, security id at bytes 4–7.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.HeaderSize)]
public readonly struct FeedPacketHeader
{
    [FieldOffset(0)]
    private readonly byte code;

    [FieldOffset(1)]
    private readonly ushort length;

    [FieldOffset(3)]
    private readonly byte segment;

    [FieldOffset(4)]
    private readonly uint securityId;

    public FeedPacketHeader(FeedResponseCode code, ushort length, InstrumentKey instrument)
    {
        this.code = (byte)code;
        this.length = length;
        segment = (byte)instrument.Segment;
        securityId = instrument.SecurityId;
    }

    public FeedResponseCode Code => (FeedResponseCode)code;

    /// <summary>The packet's length in bytes, header included.</summary>
    public ushort Length => length;

    /// <summary>The raw segment byte; the decoder delivers only packets whose segment Dhan defines.</summary>
    public byte SegmentCode => segment;

    public uint SecurityId => securityId;

    public InstrumentKey Instrument => new((ExchangeSegment)segment, securityId);
}
