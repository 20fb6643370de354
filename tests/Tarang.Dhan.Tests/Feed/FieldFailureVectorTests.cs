using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.Time;

namespace Tarang.Dhan.Tests.Feed;

/// <summary>
/// Known-answer vectors computed with Python struct from Dhan's published layouts, and the
/// malformed inputs that broke other feed clients in the field.
/// </summary>
public class FieldFailureVectorTests
{
    // Ticker, NSE_EQ, id 1333, LTP 1650.25, LTT 1736936100.
    private const string T1333 = "02 10 00 01 35 05 00 00 00 48 CE 44 A4 8A 87 67";

    // Ticker, NSE_EQ, id 11915, LTP 21.45 (float32 21.450000762...), same LTT.
    private const string T11915 = "02 10 00 01 8B 2E 00 00 9A 99 AB 41 A4 8A 87 67";

    [Fact]
    public void Decoder_ReadsSegmentFromByteThree()
    {
        var (handler, _, _) = RecordingPacketHandler.Decode(T1333);

        var ticker = Assert.IsType<TickerPacket>(Assert.Single(handler.Packets));
        Assert.Equal(ExchangeSegment.NseEq, ticker.Instrument.Segment);
        Assert.Equal(1333u, ticker.Instrument.SecurityId);
        Assert.Equal(1650.25f, ticker.LastTradedPrice);
        Assert.Equal(1736936100u, ticker.LastTradeTime);
    }

    [Fact]
    public void Ticker_LttIsIstBasedEpoch()
    {
        var (handler, _, _) = RecordingPacketHandler.Decode(T1333);
        var ticker = Assert.IsType<TickerPacket>(Assert.Single(handler.Packets));

        var instant = Ist.FromFeedTime(ticker.LastTradeTime);

        // 1736936100 read as an IST wall clock is 2025-01-15 10:15:00 IST, 04:45:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 4, 45, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.FromMinutes(330), instant.Offset);
    }

    [Fact]
    public void Decoder_DeliversBothPacketsOfOneMessage()
    {
        var (handler, counters, delivered) = RecordingPacketHandler.Decode(T1333 + T11915);

        Assert.Equal(2, delivered);
        Assert.Equal(1333u, Assert.IsType<TickerPacket>(handler.Packets[0]).Instrument.SecurityId);
        Assert.Equal(11915u, Assert.IsType<TickerPacket>(handler.Packets[1]).Instrument.SecurityId);
        Assert.Equal(21.450000762f, Assert.IsType<TickerPacket>(handler.Packets[1]).LastTradedPrice);
        Assert.Equal(2, counters.PacketsWithCode(FeedResponseCode.Ticker));
    }

    [Fact]
    public void Decoder_DropsAndCountsTruncatedTail()
    {
        var message = T1333 + T11915[..(12 * 3)];

        var (handler, counters, delivered) = RecordingPacketHandler.Decode(message);

        Assert.Equal(1, delivered);
        Assert.Single(handler.Packets);
        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.TruncatedPacket));
    }

    [Fact]
    public void Decoder_SkipsUnknownCodeByDeclaredLength()
    {
        var (handler, counters, delivered) = RecordingPacketHandler.Decode("63 0C 00 01 35 05 00 00 EF BE AD DE" + T1333);

        Assert.Equal(1, delivered);
        Assert.Equal(1333u, Assert.IsType<TickerPacket>(Assert.Single(handler.Packets)).Instrument.SecurityId);
        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.UnknownResponseCode));
        Assert.Equal(1, counters.PacketsWithCode(99));
    }

    [Fact]
    public void Decoder_StopsAtLengthBelowHeader()
    {
        // A declared length of 4 cannot frame a packet; looping on it would never advance.
        var (handler, counters, delivered) = RecordingPacketHandler.Decode("02 04 00 01 35 05 00 00" + T1333);

        Assert.Equal(0, delivered);
        Assert.Empty(handler.Packets);
        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.LengthBelowHeader));
    }

    [Fact]
    public void Decoder_StopsAtZeroDeclaredLength()
    {
        var (_, counters, delivered) = RecordingPacketHandler.Decode("00 00 00 00 00 00 00 00");

        Assert.Equal(0, delivered);
        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.LengthBelowHeader));
    }

    [Fact]
    public void Decoder_CountsEmptyMessage()
    {
        var (_, counters, delivered) = RecordingPacketHandler.Decode("");

        Assert.Equal(0, delivered);
        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.EmptyMessage));
        Assert.Equal(1, counters.Messages);
    }

    [Fact]
    public void Decoder_CountsShortHeaderAsTruncated()
    {
        var (_, counters, _) = RecordingPacketHandler.Decode("02 10 00");

        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.TruncatedPacket));
    }

    [Fact]
    public void Decoder_SkipsPacketShorterThanItsLayout()
    {
        // A ticker that declares 12 bytes lacks its LTT; it is skipped and the next packet is read.
        var (handler, counters, delivered) = RecordingPacketHandler.Decode("02 0C 00 01 35 05 00 00 00 48 CE 44" + T11915);

        Assert.Equal(1, delivered);
        Assert.Equal(11915u, Assert.IsType<TickerPacket>(Assert.Single(handler.Packets)).Instrument.SecurityId);
        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.PacketTooShort));
    }

    [Fact]
    public void Decoder_SkipsUndefinedSegment()
    {
        var (handler, counters, delivered) = RecordingPacketHandler.Decode("02 10 00 06 35 05 00 00 00 48 CE 44 A4 8A 87 67" + T1333);

        Assert.Equal(1, delivered);
        Assert.Single(handler.Packets);
        Assert.Equal(1, counters.FaultCount(FeedDecodeFault.UnknownSegment));
    }

    [Fact]
    public void Decoder_ToleratesIndexAndDepthCodes()
    {
        var index = "01 0C 00 00 0D 00 00 00 00 00 00 00";
        var depth = "03 70 00 02 AE CB 00 00" + string.Concat(Enumerable.Repeat("00", 104));

        var (handler, counters, delivered) = RecordingPacketHandler.Decode(index + depth + T1333);

        Assert.Equal(1, delivered);
        Assert.Single(handler.Packets);
        Assert.Equal(1, counters.PacketsWithCode(FeedResponseCode.Index));
        Assert.Equal(1, counters.PacketsWithCode(FeedResponseCode.MarketDepth));
        Assert.Equal(0, counters.FaultCount(FeedDecodeFault.UnknownResponseCode));
    }

    [Theory]
    [InlineData("32 0A 00 00 00 00 00 00 25 03", 805)]
    [InlineData("32 0A 00 00 00 00 00 00 26 03", 806)]
    [InlineData("32 0A 00 00 00 00 00 00 27 03", 807)]
    [InlineData("32 0A 00 00 00 00 00 00 28 03", 808)]
    [InlineData("32 0A 00 00 00 00 00 00 29 03", 809)]
    public void Decoder_ReadsDisconnectReason(string hex, int reason)
    {
        var (handler, _, _) = RecordingPacketHandler.Decode(hex);

        Assert.Equal(reason, Assert.IsType<DisconnectPacket>(Assert.Single(handler.Packets)).ReasonCode);
    }

    [Fact]
    public void Decoder_NeverThrowsOnRandomBytes()
    {
        // Seeded, so a failure replays: random lengths, codes and segments, half of them with a
        // plausible header so the length framing is exercised rather than rejected at once.
        var random = new Random(20250211);
        var counters = new FeedDecodeCounters();
        var handler = new RecordingPacketHandler();

        for (var i = 0; i < 20_000; i++)
        {
            var message = new byte[random.Next(0, 400)];
            random.NextBytes(message);
            if (message.Length >= 8 && i % 2 == 0)
            {
                message[0] = (byte)random.Next(0, 10);
                var length = (ushort)random.Next(0, message.Length + 20);
                message[1] = (byte)length;
                message[2] = (byte)(length >> 8);
            }

            FeedDecoder.Decode(message, ref handler, counters);
        }

        Assert.Equal(20_000, counters.Messages);
        Assert.True(counters.FaultCount(FeedDecodeFault.TruncatedPacket) > 0);
        Assert.True(counters.FaultCount(FeedDecodeFault.LengthBelowHeader) > 0);
        Assert.NotEmpty(handler.Packets);
    }
}
