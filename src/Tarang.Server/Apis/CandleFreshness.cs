namespace Tarang.Server.Apis;

/// <summary>How current a set of candles is. Times are IST with an offset.</summary>
/// <param name="AsOf">The exchange clock's time when the reply was made.</param>
/// <param name="LastTradeTime">The LTT of the last trade in the candles, or null before the first.</param>
/// <param name="ReceivedAt">When the server received that trade, by the wall clock.</param>
/// <param name="AgeMs">Milliseconds from <paramref name="ReceivedAt"/> to the reply, by the wall clock.</param>
/// <param name="Stale">True when the candles may be behind the market: the feed is not live, the market is not open, or no trade has arrived.</param>
/// <param name="StaleReason">Why the candles are stale; null when they are not.</param>
/// <param name="MarketStatus">The exchange's status by the exchange clock: Open, PreOpen, Closed or Holiday.</param>
/// <param name="FeedState">The upstream feed's state, such as Live.</param>
public sealed record CandleFreshness(
    DateTimeOffset AsOf,
    DateTimeOffset? LastTradeTime,
    DateTimeOffset? ReceivedAt,
    long? AgeMs,
    bool Stale,
    string? StaleReason,
    string MarketStatus,
    string FeedState);
