using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>A market-status packet (code 7). Dhan documents no payload, so it is the header alone.</summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.MarketStatusSize)]
public readonly struct MarketStatusPacket
{
    [FieldOffset(0)]
    private readonly FeedPacketHeader header;

    public MarketStatusPacket(InstrumentKey instrument) =>
        header = new FeedPacketHeader(FeedResponseCode.MarketStatus, FeedPacketLayout.MarketStatusSize, instrument);

    public InstrumentKey Instrument => header.Instrument;
}
