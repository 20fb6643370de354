using System.Buffers.Binary;
using Tarang.Market.Instruments;
using static Tarang.Dhan.Feed.FeedPacketLayout;

namespace Tarang.Dhan.Feed;

/// <summary>
/// Writes live-feed packets as Dhan's server sends them: the server side of <see cref="FeedDecoder"/>,
/// used by the simulator and by tests. Each method writes one packet at the start of the
/// destination span and returns its length in bytes.
/// </summary>
public static class FeedPacketEncoder
{
    public static int Write(in TickerPacket packet, Span<byte> destination)
    {
        var span = Header(destination, FeedResponseCode.Ticker, TickerSize, packet.Instrument);
        WriteSingle(span, 8, packet.LastTradedPrice);
        WriteUInt32(span, 12, packet.LastTradeTime);
        return TickerSize;
    }

    public static int Write(in QuotePacket packet, Span<byte> destination)
    {
        var span = Header(destination, FeedResponseCode.Quote, QuoteSize, packet.Instrument);
        WriteSingle(span, 8, packet.LastTradedPrice);
        WriteUInt16(span, 12, packet.LastTradedQuantity);
        WriteUInt32(span, 14, packet.LastTradeTime);
        WriteSingle(span, 18, packet.AverageTradePrice);
        WriteUInt32(span, 22, packet.Volume);
        WriteUInt32(span, 26, packet.TotalSellQuantity);
        WriteUInt32(span, 30, packet.TotalBuyQuantity);
        WriteSingle(span, 34, packet.DayOpen);
        WriteSingle(span, 38, packet.DayClose);
        WriteSingle(span, 42, packet.DayHigh);
        WriteSingle(span, 46, packet.DayLow);
        return QuoteSize;
    }

    public static int Write(in OpenInterestPacket packet, Span<byte> destination)
    {
        var span = Header(destination, FeedResponseCode.OpenInterest, OpenInterestSize, packet.Instrument);
        WriteUInt32(span, 8, packet.OpenInterest);
        return OpenInterestSize;
    }

    public static int Write(in PreviousClosePacket packet, Span<byte> destination)
    {
        var span = Header(destination, FeedResponseCode.PreviousClose, PreviousCloseSize, packet.Instrument);
        WriteSingle(span, 8, packet.PreviousClose);
        WriteUInt32(span, 12, packet.PreviousOpenInterest);
        return PreviousCloseSize;
    }

    public static int Write(in FullPacket packet, Span<byte> destination)
    {
        var span = Header(destination, FeedResponseCode.Full, FullSize, packet.Instrument);
        WriteSingle(span, 8, packet.LastTradedPrice);
        WriteUInt16(span, 12, packet.LastTradedQuantity);
        WriteUInt32(span, 14, packet.LastTradeTime);
        WriteSingle(span, 18, packet.AverageTradePrice);
        WriteUInt32(span, 22, packet.Volume);
        WriteUInt32(span, 26, packet.TotalSellQuantity);
        WriteUInt32(span, 30, packet.TotalBuyQuantity);
        WriteUInt32(span, 34, packet.OpenInterest);
        WriteUInt32(span, 38, packet.OpenInterestDayHigh);
        WriteUInt32(span, 42, packet.OpenInterestDayLow);
        WriteSingle(span, 46, packet.DayOpen);
        WriteSingle(span, 50, packet.DayClose);
        WriteSingle(span, 54, packet.DayHigh);
        WriteSingle(span, 58, packet.DayLow);

        var depth = packet.Depth;
        for (var i = 0; i < DepthLevels; i++)
        {
            var level = span.Slice(FullDepthOffset + (i * DepthLevelSize), DepthLevelSize);
            WriteUInt32(level, 0, depth[i].BidQuantity);
            WriteUInt32(level, 4, depth[i].AskQuantity);
            WriteUInt16(level, 8, depth[i].BidOrders);
            WriteUInt16(level, 10, depth[i].AskOrders);
            WriteSingle(level, 12, depth[i].BidPrice);
            WriteSingle(level, 16, depth[i].AskPrice);
        }

        return FullSize;
    }

    public static int Write(in MarketStatusPacket packet, Span<byte> destination)
    {
        Header(destination, FeedResponseCode.MarketStatus, MarketStatusSize, packet.Instrument);
        return MarketStatusSize;
    }

    /// <summary>Writes a disconnect packet; Dhan sends it with segment 0 and security id 0.</summary>
    public static int Write(in DisconnectPacket packet, Span<byte> destination)
    {
        var span = Header(destination, FeedResponseCode.Disconnect, DisconnectSize, default);
        WriteUInt16(span, 8, packet.ReasonCode);
        return DisconnectSize;
    }

    private static Span<byte> Header(Span<byte> destination, FeedResponseCode code, int size, InstrumentKey instrument)
    {
        if (destination.Length < size)
        {
            throw new ArgumentException($"A {code} packet needs {size} bytes but the buffer has {destination.Length}.", nameof(destination));
        }

        var span = destination[..size];
        span[0] = (byte)code;
        WriteUInt16(span, 1, (ushort)size);
        span[3] = (byte)instrument.Segment;
        WriteUInt32(span, 4, instrument.SecurityId);
        return span;
    }

    private static void WriteUInt16(Span<byte> span, int offset, ushort value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], value);

    private static void WriteUInt32(Span<byte> span, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], value);

    private static void WriteSingle(Span<byte> span, int offset, float value) =>
        BinaryPrimitives.WriteSingleLittleEndian(span[offset..], value);
}
