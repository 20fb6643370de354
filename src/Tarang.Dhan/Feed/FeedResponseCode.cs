namespace Tarang.Dhan.Feed;

/// <summary>The response code in byte 0 of every live-feed packet header (Dhan API v2 annexure).</summary>
public enum FeedResponseCode : byte
{
    /// <summary>Index packet; layout undocumented, so it is counted and skipped.</summary>
    Index = 1,

    /// <summary>Ticker: LTP and LTT, 16 bytes.</summary>
    Ticker = 2,

    /// <summary>v1 market depth, 112 bytes; legacy, counted and skipped.</summary>
    MarketDepth = 3,

    /// <summary>Quote: trade, volume, totals and day OHLC, 50 bytes.</summary>
    Quote = 4,

    /// <summary>Open interest, 12 bytes.</summary>
    OpenInterest = 5,

    /// <summary>Previous day's close and OI, 16 bytes.</summary>
    PreviousClose = 6,

    /// <summary>Market status; Dhan sends only the 8-byte header.</summary>
    MarketStatus = 7,

    /// <summary>Full: quote fields, OI and 5-level depth, 162 bytes.</summary>
    Full = 8,

    /// <summary>The server is disconnecting; a 16-bit reason code follows the header. 10 bytes.</summary>
    Disconnect = 50,
}
