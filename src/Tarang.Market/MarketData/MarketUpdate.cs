using Tarang.Market.Instruments;

namespace Tarang.Market.MarketData;

/// <summary>
/// One feed packet in market terms: prices as decimal rupees rounded to the instrument's tick,
/// times as instants with an IST offset. Fields the packet's kind does not carry are null; a
/// price the feed sent as 0 is null too, because 0 means "no value", never a price.
/// </summary>
public struct MarketUpdate
{
    public InstrumentKey Instrument { get; init; }

    public MarketUpdateKind Kind { get; init; }

    public decimal? LastTradedPrice { get; init; }

    /// <summary>LTT as a true instant (IST offset).</summary>
    public DateTimeOffset? LastTradeTime { get; init; }

    public uint? LastTradedQuantity { get; init; }

    public decimal? AverageTradePrice { get; init; }

    public uint? Volume { get; init; }

    public uint? TotalBuyQuantity { get; init; }

    public uint? TotalSellQuantity { get; init; }

    public decimal? DayOpen { get; init; }

    public decimal? DayHigh { get; init; }

    public decimal? DayLow { get; init; }

    /// <summary>
    /// Dhan's "close" field of quote and full packets. Dhan's documentation says it is sent after
    /// the close; Dhan support reports it carries the previous session's close during the session.
    /// </summary>
    public decimal? DayClose { get; init; }

    public decimal? PreviousClose { get; init; }

    public uint? OpenInterest { get; init; }

    public uint? OpenInterestDayHigh { get; init; }

    public uint? OpenInterestDayLow { get; init; }

    public uint? PreviousOpenInterest { get; init; }

    /// <summary>The five-level book; only full updates carry it.</summary>
    public MarketDepth? Depth { get; init; }
}
