using System.Runtime.InteropServices;

namespace Tarang.Dhan.Feed;

/// <summary>
/// A feed-disconnect packet (code 50) with Dhan's reason code (805 too many connections, 807
/// token expired, ...), laid out as on the wire; Dhan sends segment 0 and security id 0.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = FeedPacketLayout.DisconnectSize)]
public readonly struct DisconnectPacket
{
    [FieldOffset(0)]
    private readonly FeedPacketHeader header;

    [FieldOffset(8)]
    private readonly ushort reasonCode;

    public DisconnectPacket(ushort reasonCode)
    {
        header = new FeedPacketHeader(FeedResponseCode.Disconnect, FeedPacketLayout.DisconnectSize, default);
        this.reasonCode = reasonCode;
    }

    public ushort ReasonCode => reasonCode;
}
