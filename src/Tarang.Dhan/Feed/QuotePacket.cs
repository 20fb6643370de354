using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>
/// A quote packet (code 4), laid out as on the wire so the decoder hands out a reference to the
/// received bytes. Prices are float32 rupees, quantities shares or units.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.QuoteSize)]
public readonly struct QuotePacket
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
    private readonly float dayOpen;

    [FieldOffset(38)]
    private readonly float dayClose;

    [FieldOffset(42)]
    private readonly float dayHigh;

    [FieldOffset(46)]
    private readonly float dayLow;

    /// <summary>The segment and security id; setting it also writes the header's code and length.</summary>
    public InstrumentKey Instrument
    {
        get => header.Instrument;
        init => header = new FeedPacketHeader(FeedResponseCode.Quote, FeedPacketLayout.QuoteSize, value);
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
}
