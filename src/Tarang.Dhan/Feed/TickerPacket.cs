using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>
/// A ticker packet (code 2), laid out as on the wire so the decoder hands out a reference to the
/// received bytes without copying. Prices are float32 rupees as sent; round them to the tick before use.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.TickerSize)]
public readonly struct TickerPacket
{
    [FieldOffset(0)]
    private readonly FeedPacketHeader header;

    [FieldOffset(8)]
    private readonly float lastTradedPrice;

    [FieldOffset(12)]
    private readonly uint lastTradeTime;

    public TickerPacket(InstrumentKey instrument, float lastTradedPrice, uint lastTradeTime)
    {
        header = new FeedPacketHeader(FeedResponseCode.Ticker, FeedPacketLayout.TickerSize, instrument);
        this.lastTradedPrice = lastTradedPrice;
        this.lastTradeTime = lastTradeTime;
    }

    public InstrumentKey Instrument => header.Instrument;

    public float LastTradedPrice => lastTradedPrice;

    /// <summary>LTT in seconds since 1970-01-01 00:00 IST (not UTC).</summary>
    public uint LastTradeTime => lastTradeTime;
}
