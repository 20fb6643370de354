namespace Tarang.Dhan.Feed;

/// <summary>
/// Byte sizes and offsets of the live-feed packets (little-endian, offsets from the start of the
/// packet, header included). Source: Dhan's v2 live-market-feed page, cross-checked with the
/// struct formats of DhanHQ-py 2.3 (<c>&lt;BHBIfI</c>, <c>&lt;BHBIfHIfIIIffff</c>, ...).
/// </summary>
public static class FeedPacketLayout
{
    public const int HeaderSize = 8;
    public const int TickerSize = 16;
    public const int QuoteSize = 50;
    public const int OpenInterestSize = 12;
    public const int PreviousCloseSize = 16;
    public const int FullSize = 162;
    public const int DisconnectSize = 10;
    public const int MarketStatusSize = HeaderSize;

    /// <summary>Offset of the first of five 20-byte depth levels in a full packet.</summary>
    public const int FullDepthOffset = 62;

    /// <summary>Size of one depth level: bid and ask side by side.</summary>
    public const int DepthLevelSize = 20;

    /// <summary>Number of depth levels in a full packet.</summary>
    public const int DepthLevels = 5;

    /// <summary>Returns the packet size of a code this codec decodes, or 0 for codes it only skips.</summary>
    public static int SizeOf(FeedResponseCode code) => code switch
    {
        FeedResponseCode.Ticker => TickerSize,
        FeedResponseCode.Quote => QuoteSize,
        FeedResponseCode.OpenInterest => OpenInterestSize,
        FeedResponseCode.PreviousClose => PreviousCloseSize,
        FeedResponseCode.Full => FullSize,
        FeedResponseCode.Disconnect => DisconnectSize,
        FeedResponseCode.MarketStatus => MarketStatusSize,
        _ => 0,
    };
}
