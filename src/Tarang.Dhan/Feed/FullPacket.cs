using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>
/// A full packet (code 8): the quote fields, open interest and five depth levels, laid out as
/// on the wire so the decoder hands out a reference to the received bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.FullSize)]
public readonly struct FullPacket
{
    [FieldOffset(0)]
    private readonly FeedPacketHeader header;

    [FieldOffset(8)]
    private readonly float lastTradedPrice;

    [FieldOffset(12)]
    private readonly ushort lastTradedQuantity;

    [FieldOffset(14)]
    private readonly uint lastTradeTime;

    [FieldOffset(18)]
    private readonly float averageTradePrice;

    [FieldOffset(22)]
    private readonly uint volume;

    [FieldOffset(26)]
    private readonly uint totalSellQuantity;

    [FieldOffset(30)]
    private readonly uint totalBuyQuantity;

    [FieldOffset(34)]
    private readonly uint openInterest;

    [FieldOffset(38)]
    private readonly uint openInterestDayHigh;

    [FieldOffset(42)]
    private readonly uint openInterestDayLow;

    [FieldOffset(46)]
    private readonly float dayOpen;

    [FieldOffset(50)]
    private readonly float dayClose;

    [FieldOffset(54)]
    private readonly float dayHigh;

    [FieldOffset(58)]
    private readonly float dayLow;

    [FieldOffset(62)]
    private readonly FeedDepth depth;

    /// <summary>The segment and security id; setting it also writes the header's code and length.</summary>
    public InstrumentKey Instrument
    {
        get => header.Instrument;
        init => header = new FeedPacketHeader(FeedResponseCode.Full, FeedPacketLayout.FullSize, value);
    }

    /// <summary>LTP, float32 rupees as sent.</summary>
    public float LastTradedPrice
    {
        get => lastTradedPrice;
        init => lastTradedPrice = value;
    }

    public ushort LastTradedQuantity
    {
        get => lastTradedQuantity;
        init => lastTradedQuantity = value;
    }

    /// <summary>LTT in seconds since 1970-01-01 00:00 IST (not UTC).</summary>
    public uint LastTradeTime
    {
        get => lastTradeTime;
        init => lastTradeTime = value;
    }

    public float AverageTradePrice
    {
        get => averageTradePrice;
        init => averageTradePrice = value;
    }

    public uint Volume
    {
        get => volume;
        init => volume = value;
    }

    public uint TotalSellQuantity
    {
        get => totalSellQuantity;
        init => totalSellQuantity = value;
    }

    public uint TotalBuyQuantity
    {
        get => totalBuyQuantity;
        init => totalBuyQuantity = value;
    }

    /// <summary>Open interest; 0 for instruments without OI.</summary>
    public uint OpenInterest
    {
        get => openInterest;
        init => openInterest = value;
    }

    /// <summary>The day's highest OI; NSE_FNO only.</summary>
    public uint OpenInterestDayHigh
    {
        get => openInterestDayHigh;
        init => openInterestDayHigh = value;
    }

    /// <summary>The day's lowest OI; NSE_FNO only.</summary>
    public uint OpenInterestDayLow
    {
        get => openInterestDayLow;
        init => openInterestDayLow = value;
    }

    public float DayOpen
    {
        get => dayOpen;
        init => dayOpen = value;
    }

    /// <summary>The "day close" field; during the session Dhan fills it with the previous session's close.</summary>
    public float DayClose
    {
        get => dayClose;
        init => dayClose = value;
    }

    public float DayHigh
    {
        get => dayHigh;
        init => dayHigh = value;
    }

    public float DayLow
    {
        get => dayLow;
        init => dayLow = value;
    }

    /// <summary>The five depth levels, best first.</summary>
    public FeedDepth Depth
    {
        get => depth;
        init => depth = value;
    }
}
