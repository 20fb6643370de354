namespace Tarang.Dhan.Instruments;

/// <summary>Why the parser skipped a row of the instrument master.</summary>
public enum InstrumentSkipReason
{
    /// <summary>The row ends inside a quoted field.</summary>
    MalformedRecord,

    /// <summary>
    /// The exchange and segment letter map to no Dhan feed segment (NSE commodity rows <c>NSE,M</c>),
    /// or are blank.
    /// </summary>
    UnknownSegment,

    /// <summary>The security id is blank, not a whole number, or out of range.</summary>
    InvalidSecurityId,

    /// <summary>The instrument name (<c>EQUITY</c>, <c>OPTIDX</c>, …) is blank or unknown.</summary>
    UnknownInstrumentKind,

    /// <summary>The trading symbol is blank.</summary>
    MissingSymbol,

    /// <summary>The lot size is not a positive whole number (<c>x</c>, <c>0</c>, <c>2.5</c>).</summary>
    InvalidLotSize,

    /// <summary>An equity or derivative row's tick size is blank, not a number, or not positive.</summary>
    InvalidTickSize,

    /// <summary>A futures or options row has no expiry, or one in no known format.</summary>
    InvalidExpiry,

    /// <summary>An options row has no positive strike.</summary>
    InvalidStrike,

    /// <summary>An options row's option type is neither CE nor PE.</summary>
    InvalidOptionType,

    /// <summary>The underlying security id is present but not a whole number.</summary>
    InvalidUnderlyingSecurityId,
}
