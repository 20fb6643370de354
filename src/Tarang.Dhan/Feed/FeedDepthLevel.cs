using System.Runtime.InteropServices;

namespace Tarang.Dhan.Feed;

/// <summary>One level of the five-level book: bid and ask side by side, 20 bytes, as on the wire.</summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.DepthLevelSize)]
public readonly struct FeedDepthLevel
{
    [FieldOffset(0)]
    private readonly uint bidQuantity;

    [FieldOffset(4)]
    private readonly uint askQuantity;

    [FieldOffset(8)]
    private readonly ushort bidOrders;

    [FieldOffset(10)]
    private readonly ushort askOrders;

    [FieldOffset(12)]
    private readonly float bidPrice;

    [FieldOffset(16)]
    private readonly float askPrice;

    public FeedDepthLevel(uint bidQuantity, uint askQuantity, ushort bidOrders, ushort askOrders, float bidPrice, float askPrice)
    {
        this.bidQuantity = bidQuantity;
        this.askQuantity = askQuantity;
        this.bidOrders = bidOrders;
        this.askOrders = askOrders;
        this.bidPrice = bidPrice;
        this.askPrice = askPrice;
    }

    public uint BidQuantity => bidQuantity;

    public uint AskQuantity => askQuantity;

    public ushort BidOrders => bidOrders;

    public ushort AskOrders => askOrders;

    /// <summary>Best-first bid price, float32 rupees; 0 when the level is empty.</summary>
    public float BidPrice => bidPrice;

    /// <summary>Best-first ask price, float32 rupees; 0 when the level is empty.</summary>
    public float AskPrice => askPrice;
}
