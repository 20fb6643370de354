namespace Tarang.Market.MarketData;

/// <summary>
/// How much of an instrument's market data a subscription carries. Each mode includes the one
/// before it: ticker is LTP and LTT; quote adds trade, volume, totals, day OHLC and OI for
/// derivatives; full adds five-level depth and OI day high and low.
/// </summary>
public enum FeedMode
{
    Ticker = 1,
    Quote = 2,
    Full = 3,
}
