namespace Tarang.Dhan.Feed;

/// <summary>Ways a feed message can be malformed; each is counted, none throws.</summary>
public enum FeedDecodeFault
{
    /// <summary>A WebSocket message with no bytes.</summary>
    EmptyMessage,

    /// <summary>Fewer bytes remain than a header, or than the header's declared length; the rest of the message is dropped.</summary>
    TruncatedPacket,

    /// <summary>A declared length below the 8-byte header; the rest of the message is dropped, since it cannot be framed.</summary>
    LengthBelowHeader,

    /// <summary>A declared length shorter than the layout of its response code; the packet is skipped.</summary>
    PacketTooShort,

    /// <summary>A response code this codec does not know; the packet is skipped by its declared length.</summary>
    UnknownResponseCode,

    /// <summary>A segment byte outside Dhan's enum (6, or above 8); the packet is skipped.</summary>
    UnknownSegment,
}
