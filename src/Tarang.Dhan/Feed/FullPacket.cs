using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>A full packet (code 8): the quote fields, open interest and five depth levels, raw wire values.</summary>
public readonly record struct FullPacket
{
    public InstrumentKey Instrument { get; init; }

    public float LastTradedPrice { get; init; }

    public ushort LastTradedQuantity { get; init; }

    /// <summary>LTT in seconds since 1970-01-01 00:00 IST (not UTC).</summary>
    public uint LastTradeTime { get; init; }

    public float AverageTradePrice { get; init; }

    public uint Volume { get; init; }

    public uint TotalSellQuantity { get; init; }

    public uint TotalBuyQuantity { get; init; }

    /// <summary>Open interest; 0 for instruments without OI.</summary>
    public uint OpenInterest { get; init; }

    /// <summary>The day's highest OI; NSE_FNO only.</summary>
    public uint OpenInterestDayHigh { get; init; }

    /// <summary>The day's lowest OI; NSE_FNO only.</summary>
    public uint OpenInterestDayLow { get; init; }

    public float DayOpen { get; init; }

    /// <summary>The "day close" field; during the session Dhan fills it with the previous session's close.</summary>
    public float DayClose { get; init; }

    public float DayHigh { get; init; }

    public float DayLow { get; init; }

    public FeedDepth Depth { get; init; }
}
