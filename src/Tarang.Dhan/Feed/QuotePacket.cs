using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>A quote packet (code 4) with its raw wire values: prices in float32 rupees, quantities in shares or units.</summary>
public readonly record struct QuotePacket
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

    public float DayOpen { get; init; }

    /// <summary>The "day close" field; during the session Dhan fills it with the previous session's close.</summary>
    public float DayClose { get; init; }

    public float DayHigh { get; init; }

    public float DayLow { get; init; }
}
