using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>A previous-close packet (code 6): the previous session's close (float32 rupees) and OI, laid out as on the wire.</summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.PreviousCloseSize)]
public readonly struct PreviousClosePacket
{
    [FieldOffset(0)]
    private readonly FeedPacketHeader header;

    [FieldOffset(8)]
    private readonly float previousClose;

    [FieldOffset(12)]
    private readonly uint previousOpenInterest;

    public PreviousClosePacket(InstrumentKey instrument, float previousClose, uint previousOpenInterest)
    {
        header = new FeedPacketHeader(FeedResponseCode.PreviousClose, FeedPacketLayout.PreviousCloseSize, instrument);
        this.previousClose = previousClose;
        this.previousOpenInterest = previousOpenInterest;
    }

    public InstrumentKey Instrument => header.Instrument;

    public float PreviousClose => previousClose;

    public uint PreviousOpenInterest => previousOpenInterest;
}
