using MessagePack;

namespace Tarang.Server.LiveData;

/// <summary>
/// The latest state of one instrument as users see it, over REST and the hub. Values the feed has
/// not sent in the instrument's current mode are null, never invented. Prices are exact decimals
/// in JSON and float64 in MessagePack; times are IST with an offset.
/// </summary>
[MessagePackObject]
public sealed record MarketSnapshot
{
    /// <summary>The instrument key, such as "NSE_EQ:2885".</summary>
    [Key("instrument")]
    public required string Instrument { get; init; }

    [Key("segment")]
    public required string Segment { get; init; }

    [Key("securityId")]
    public required long SecurityId { get; init; }

    /// <summary>The symbol from the instrument master, such as "RELIANCE".</summary>
    [Key("symbol")]
    public required string Symbol { get; init; }

    [Key("name")]
    public required string Name { get; init; }

    [Key("ltp")]
    public decimal? Ltp { get; init; }

    [Key("ltq")]
    public long? Ltq { get; init; }

    /// <summary>The last trade time.</summary>
    [Key("ltt")]
    public DateTimeOffset? Ltt { get; init; }

    /// <summary>The average trade price.</summary>
    [Key("atp")]
    public decimal? Atp { get; init; }

    [Key("volume")]
    public long? Volume { get; init; }

    [Key("totalBuyQuantity")]
    public long? TotalBuyQuantity { get; init; }

    [Key("totalSellQuantity")]
    public long? TotalSellQuantity { get; init; }

    [Key("open")]
    public decimal? Open { get; init; }

    [Key("high")]
    public decimal? High { get; init; }

    [Key("low")]
    public decimal? Low { get; init; }

    /// <summary>Dhan's "close" field as sent; see <see cref="PreviousClose"/> for the reference close.</summary>
    [Key("close")]
    public decimal? Close { get; init; }

    /// <summary>The previous session's close: Dhan's previous-close packet, else the quote's close field.</summary>
    [Key("previousClose")]
    public decimal? PreviousClose { get; init; }

    /// <summary>LTP minus the previous close; null without either.</summary>
    [Key("change")]
    public decimal? Change { get; init; }

    /// <summary>The change as a percentage of the previous close, to two places.</summary>
    [Key("changePercent")]
    public decimal? ChangePercent { get; init; }

    [Key("oi")]
    public long? Oi { get; init; }

    [Key("oiDayHigh")]
    public long? OiDayHigh { get; init; }

    [Key("oiDayLow")]
    public long? OiDayLow { get; init; }

    /// <summary>The five-level book; only the full mode carries it.</summary>
    [Key("depth")]
    public MarketDepthSnapshot? Depth { get; init; }

    /// <summary>When the server received the feed message behind these values.</summary>
    [Key("receivedAt")]
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Milliseconds from <see cref="ReceivedAt"/> to when this snapshot was made.</summary>
    [Key("ageMs")]
    public required long AgeMs { get; init; }

    /// <summary>True when the values are not live: the feed is not live, or the market is not open.</summary>
    [Key("stale")]
    public required bool Stale { get; init; }

    /// <summary>Why the values are stale; null when they are live.</summary>
    [Key("staleReason")]
    public string? StaleReason { get; init; }

    /// <summary>The exchange's status by the exchange clock: Open, PreOpen, Closed or Holiday.</summary>
    [Key("marketStatus")]
    public required string MarketStatus { get; init; }
}

/// <summary>Five levels of the order book, best first.</summary>
[MessagePackObject]
public sealed record MarketDepthSnapshot(
    [property: Key("bids")] IReadOnlyList<DepthEntry> Bids,
    [property: Key("asks")] IReadOnlyList<DepthEntry> Asks);

/// <summary>One level of one side of the book; a level without a price is null-priced.</summary>
[MessagePackObject]
public sealed record DepthEntry(
    [property: Key("price")] decimal? Price,
    [property: Key("quantity")] long Quantity,
    [property: Key("orders")] int Orders);
