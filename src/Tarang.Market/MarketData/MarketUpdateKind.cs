namespace Tarang.Market.MarketData;

/// <summary>Which feed packet an update came from, and so which fields it carries.</summary>
public enum MarketUpdateKind
{
    /// <summary>LTP and LTT.</summary>
    Ticker,

    /// <summary>Trade, volume, buy and sell totals and day OHLC.</summary>
    Quote,

    /// <summary>Open interest only.</summary>
    OpenInterest,

    /// <summary>Previous close and previous OI only.</summary>
    PreviousClose,

    /// <summary>The quote fields plus OI, OI day range and depth.</summary>
    Full,
}
