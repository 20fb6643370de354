using System.Buffers.Binary;
using Tarang.Market.Instruments;
using static Tarang.Dhan.Feed.FeedPacketLayout;

namespace Tarang.Dhan.Feed;

/// <summary>
/// Decodes Dhan v2 live-feed messages. A message may hold several packets, each framed by the
/// 16-bit length in its header, so the decoder loops over them. Malformed input never throws:
/// each fault is counted in <see cref="FeedDecodeCounters"/> and decoding goes on where it safely can.
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

    private static bool DecodePacket<THandler>(ReadOnlySpan<byte> packet, ref THandler handler, FeedDecodeCounters counters)
        where THandler : IFeedPacketHandler, allows ref struct
    {
        var code = (FeedResponseCode)packet[0];
        if (code is FeedResponseCode.Index or FeedResponseCode.MarketDepth)
        {
            // Tolerated: the index layout is undocumented and code 3 is the v1 depth packet.
            return false;
        }

        var size = SizeOf(code);
        if (size == 0)
        {
            counters.CountFault(FeedDecodeFault.UnknownResponseCode);
            return false;
        }

        if (packet.Length < size)
        {
            counters.CountFault(FeedDecodeFault.PacketTooShort);
            return false;
        }

        if (code == FeedResponseCode.Disconnect)
        {
            handler.OnDisconnect(new DisconnectPacket(BinaryPrimitives.ReadUInt16LittleEndian(packet[8..])));
            return true;
        }

        var segment = packet[3];
        if (!ExchangeSegments.IsDefined(segment))
        {
            counters.CountFault(FeedDecodeFault.UnknownSegment);
            return false;
        }

        var instrument = new InstrumentKey((ExchangeSegment)segment, BinaryPrimitives.ReadUInt32LittleEndian(packet[4..]));
        switch (code)
        {
            case FeedResponseCode.Ticker:
                handler.OnTicker(new TickerPacket(instrument, ReadSingle(packet, 8), ReadUInt32(packet, 12)));
                break;
            case FeedResponseCode.Quote:
                handler.OnQuote(ReadQuote(packet, instrument));
                break;
            case FeedResponseCode.OpenInterest:
                handler.OnOpenInterest(new OpenInterestPacket(instrument, ReadUInt32(packet, 8)));
                break;
            case FeedResponseCode.PreviousClose:
                handler.OnPreviousClose(new PreviousClosePacket(instrument, ReadSingle(packet, 8), ReadUInt32(packet, 12)));
                break;
            case FeedResponseCode.Full:
                handler.OnFull(ReadFull(packet, instrument));
                break;
            default:
                handler.OnMarketStatus(new MarketStatusPacket(instrument));
                break;
        }

        return true;
    }

    private static QuotePacket ReadQuote(ReadOnlySpan<byte> packet, InstrumentKey instrument) => new()
    {
        Instrument = instrument,
        LastTradedPrice = ReadSingle(packet, 8),
        LastTradedQuantity = ReadUInt16(packet, 12),
        LastTradeTime = ReadUInt32(packet, 14),
        AverageTradePrice = ReadSingle(packet, 18),
        Volume = ReadUInt32(packet, 22),
        TotalSellQuantity = ReadUInt32(packet, 26),
        TotalBuyQuantity = ReadUInt32(packet, 30),
        DayOpen = ReadSingle(packet, 34),
        DayClose = ReadSingle(packet, 38),
        DayHigh = ReadSingle(packet, 42),
        DayLow = ReadSingle(packet, 46),
    };

    private static FullPacket ReadFull(ReadOnlySpan<byte> packet, InstrumentKey instrument)
    {
        var depth = default(FeedDepth);
        for (var i = 0; i < DepthLevels; i++)
        {
            var level = packet.Slice(FullDepthOffset + (i * DepthLevelSize), DepthLevelSize);
            depth[i] = new FeedDepthLevel(
                ReadUInt32(level, 0), ReadUInt32(level, 4), ReadUInt16(level, 8), ReadUInt16(level, 10),
                ReadSingle(level, 12), ReadSingle(level, 16));
        }

        return new FullPacket
        {
            Instrument = instrument,
            LastTradedPrice = ReadSingle(packet, 8),
            LastTradedQuantity = ReadUInt16(packet, 12),
            LastTradeTime = ReadUInt32(packet, 14),
            AverageTradePrice = ReadSingle(packet, 18),
            Volume = ReadUInt32(packet, 22),
            TotalSellQuantity = ReadUInt32(packet, 26),
            TotalBuyQuantity = ReadUInt32(packet, 30),
            OpenInterest = ReadUInt32(packet, 34),
            OpenInterestDayHigh = ReadUInt32(packet, 38),
            OpenInterestDayLow = ReadUInt32(packet, 42),
            DayOpen = ReadSingle(packet, 46),
            DayClose = ReadSingle(packet, 50),
            DayHigh = ReadSingle(packet, 54),
            DayLow = ReadSingle(packet, 58),
            Depth = depth,
        };
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> packet, int offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(packet[offset..]);

    private static uint ReadUInt32(ReadOnlySpan<byte> packet, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(packet[offset..]);

    private static float ReadSingle(ReadOnlySpan<byte> packet, int offset) =>
        BinaryPrimitives.ReadSingleLittleEndian(packet[offset..]);
}
