namespace Tarang.Dhan.Feed;

/// <summary>A feed-disconnect packet (code 50) with Dhan's reason code (805 too many connections, 807 token expired, ...).</summary>
public readonly record struct DisconnectPacket(ushort ReasonCode);
