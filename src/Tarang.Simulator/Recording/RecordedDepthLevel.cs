namespace Tarang.Simulator.Recording;

/// <summary>One recorded depth level, bid and ask side by side; quantities in shares.</summary>
public readonly record struct RecordedDepthLevel(
    long BidQuantity,
    int BidOrders,
    decimal BidPrice,
    long AskQuantity,
    int AskOrders,
    decimal AskPrice);
