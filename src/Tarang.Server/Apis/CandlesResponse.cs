namespace Tarang.Server.Apis;

/// <summary>
/// Today's 1-minute candles of one instrument (<c>GET /api/market/candles/{segment}/{securityId}</c>),
/// built by the server from the feed's trades.
/// </summary>
/// <param name="Instrument">The instrument key, such as <c>NSE_EQ:2885</c>.</param>
/// <param name="Segment">The exchange segment, such as <c>NSE_EQ</c>.</param>
/// <param name="SecurityId">Dhan's security id.</param>
/// <param name="Symbol">The trading symbol from the instrument master.</param>
/// <param name="Name">The display name from the instrument master.</param>
/// <param name="Date">The trading day by the exchange clock, <c>YYYY-MM-DD</c>.</param>
/// <param name="IntervalMinutes">The candle length: 1.</param>
/// <param name="Source"><c>feed_candles</c>: built by this server from the trades the feed delivered.</param>
/// <param name="MarketSource">Where the feed's data comes from: <c>Simulator</c> or <c>Dhan</c>.</param>
/// <param name="Candles">The candles, oldest first; minutes without trades have none, and the last is still forming while its minute lasts.</param>
/// <param name="Freshness">How current the candles are.</param>
/// <param name="Holding">What the request did to the session's feed subscriptions.</param>
public sealed record CandlesResponse(
    string Instrument,
    string Segment,
    uint SecurityId,
    string Symbol,
    string Name,
    string Date,
    int IntervalMinutes,
    string Source,
    string MarketSource,
    IReadOnlyList<CandleResponse> Candles,
    CandleFreshness Freshness,
    CandleHoldingResponse Holding);
