using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tarang.Market.Instruments;
using static Tarang.Dhan.Feed.FeedPacketLayout;

namespace Tarang.Dhan.Feed;

/// <summary>
/// Decodes Dhan v2 live-feed messages. A message may hold several packets, each framed by the
/// 16-bit length in its header, so the decoder loops over them. Malformed input never throws:
/// each fault is counted in <see cref="FeedDecodeCounters"/> and decoding goes on where it safely can.
/// The packet structs mirror the little-endian wire layout, so the decoder runs on little-endian
/// hosts only (x64 and ARM64, every platform .NET 10 ships for).
/// </summary>
public static class FeedDecoder
{
    /// <summary>
    /// Decodes every packet of one WebSocket message and passes each to <paramref name="handler"/>.
    /// </summary>
    /// <returns>The number of packets passed to the handler.</returns>
    public static int Decode<THandler>(ReadOnlySpan<byte> message, ref THandler handler, FeedDecodeCounters counters)
        where THandler : IFeedPacketHandler, allows ref struct
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The feed decoder reads packets in place and needs a little-endian host.");
        }

        counters.CountMessage();
        if (message.IsEmpty)
        {
            counters.CountFault(FeedDecodeFault.EmptyMessage);
            return 0;
        }

        var delivered = 0;
        while (!message.IsEmpty)
        {
            if (message.Length < HeaderSize)
            {
                counters.CountFault(FeedDecodeFault.TruncatedPacket);
                break;
            }

            var length = BinaryPrimitives.ReadUInt16LittleEndian(message[1..]);
            if (length < HeaderSize)
            {
                // Without a usable length the next packet's start is unknown, so the rest is dropped.
                counters.CountFault(FeedDecodeFault.LengthBelowHeader);
                break;
            }

            if (length > message.Length)
            {
                counters.CountFault(FeedDecodeFault.TruncatedPacket);
                break;
            }

            var packet = message[..length];
            message = message[length..];
            counters.CountPacket(packet[0]);
            if (DecodePacket(packet, ref handler, counters))
            {
                delivered++;
            }
        }

        return delivered;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool DecodePacket<THandler>(ReadOnlySpan<byte> packet, ref THandler handler, FeedDecodeCounters counters)
        where THandler : IFeedPacketHandler, allows ref struct
    {
        // One switch on the code, each case checking its own layout size: the hot path takes a
        // single jump. The packet structs are the wire layout, so each handler gets a reference
        // into the message itself and nothing is copied or allocated.
        switch ((FeedResponseCode)packet[0])
        {
            case FeedResponseCode.Ticker when IsValid(packet, TickerSize, counters):
                handler.OnTicker(in MemoryMarshal.AsRef<TickerPacket>(packet));
                return true;
            case FeedResponseCode.Quote when IsValid(packet, QuoteSize, counters):
                handler.OnQuote(in MemoryMarshal.AsRef<QuotePacket>(packet));
                return true;
            case FeedResponseCode.OpenInterest when IsValid(packet, OpenInterestSize, counters):
                handler.OnOpenInterest(in MemoryMarshal.AsRef<OpenInterestPacket>(packet));
                return true;
            case FeedResponseCode.PreviousClose when IsValid(packet, PreviousCloseSize, counters):
                handler.OnPreviousClose(in MemoryMarshal.AsRef<PreviousClosePacket>(packet));
                return true;
            case FeedResponseCode.Full when IsValid(packet, FullSize, counters):
                handler.OnFull(in MemoryMarshal.AsRef<FullPacket>(packet));
                return true;
            case FeedResponseCode.MarketStatus when IsValid(packet, MarketStatusSize, counters):
                handler.OnMarketStatus(in MemoryMarshal.AsRef<MarketStatusPacket>(packet));
                return true;
            case FeedResponseCode.Disconnect when packet.Length >= DisconnectSize:
                // Dhan sends segment 0 here and it means nothing, so only the size is checked.
                handler.OnDisconnect(in MemoryMarshal.AsRef<DisconnectPacket>(packet));
                return true;
            case FeedResponseCode.Disconnect:
                counters.CountFault(FeedDecodeFault.PacketTooShort);
                return false;
            case FeedResponseCode.Ticker or FeedResponseCode.Quote or FeedResponseCode.OpenInterest
                or FeedResponseCode.PreviousClose or FeedResponseCode.Full or FeedResponseCode.MarketStatus:
                // IsValid has counted why the packet was skipped.
                return false;
            case FeedResponseCode.Index or FeedResponseCode.MarketDepth:
                // Tolerated: the index layout is undocumented and code 3 is the v1 depth packet.
                return false;
            default:
                counters.CountFault(FeedDecodeFault.UnknownResponseCode);
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsValid(ReadOnlySpan<byte> packet, int size, FeedDecodeCounters counters)
    {
        if (packet.Length < size)
        {
            counters.CountFault(FeedDecodeFault.PacketTooShort);
            return false;
        }

        if (!ExchangeSegments.IsDefined(packet[3]))
        {
            counters.CountFault(FeedDecodeFault.UnknownSegment);
            return false;
        }

        return true;
    }
}
