namespace Tarang.Market.Instruments;

/// <summary>
/// An exchange segment as Dhan numbers it in the binary feed header (byte 3).
/// The numeric values are Dhan's wire codes; 6 is unused by Dhan.
/// </summary>
public enum ExchangeSegment : byte
{
    /// <summary>Index values of NSE and BSE (<c>IDX_I</c>).</summary>
    IdxI = 0,

    /// <summary>NSE cash market (<c>NSE_EQ</c>).</summary>
    NseEq = 1,

    /// <summary>NSE futures and options (<c>NSE_FNO</c>).</summary>
    NseFno = 2,

    /// <summary>NSE currency derivatives (<c>NSE_CURRENCY</c>), discontinued by Dhan but still tolerated.</summary>
    NseCurrency = 3,

    /// <summary>BSE cash market (<c>BSE_EQ</c>).</summary>
    BseEq = 4,

    /// <summary>MCX commodity derivatives (<c>MCX_COMM</c>).</summary>
    McxComm = 5,

    /// <summary>BSE currency derivatives (<c>BSE_CURRENCY</c>), discontinued by Dhan but still tolerated.</summary>
    BseCurrency = 7,

    /// <summary>BSE futures and options (<c>BSE_FNO</c>).</summary>
    BseFno = 8,
}
