namespace Tarang.Market.MarketData;

/// <summary>
/// One level of the order book, prices in rupees rounded to the tick, quantities in shares or
/// units. A side with no price (the feed sends 0) has a null price.
/// </summary>
public readonly record struct DepthLevel(
    decimal? BidPrice, uint BidQuantity, ushort BidOrders, decimal? AskPrice, uint AskQuantity, ushort AskOrders);
