using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>An open-interest packet (code 5), sent beside quotes of derivatives, laid out as on the wire.</summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.OpenInterestSize)]
public readonly struct OpenInterestPacket
{
    [FieldOffset(0)]
    private readonly FeedPacketHeader header;

    [FieldOffset(8)]
    private readonly uint openInterest;

    public OpenInterestPacket(InstrumentKey instrument, uint openInterest)
    {
        header = new FeedPacketHeader(FeedResponseCode.OpenInterest, FeedPacketLayout.OpenInterestSize, instrument);
        this.openInterest = openInterest;
    }

    public InstrumentKey Instrument => header.Instrument;

    /// <summary>Open interest in the contract's units (shares, not lots).</summary>
    public uint OpenInterest => openInterest;
}
