namespace Tarang.Dhan.Feed;

/// <summary>One level of the five-level book: bid and ask side by side, as on the wire.</summary>
public readonly record struct FeedDepthLevel(
    uint BidQuantity, uint AskQuantity, ushort BidOrders, ushort AskOrders, float BidPrice, float AskPrice);
