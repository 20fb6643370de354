using System.Text.Json;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Tests.Feed;

/// <summary>
/// Decodes and re-encodes the hex vectors of feed_vectors.json, which
/// tools/feed-vectors/make_feed_vectors.py wrote with Python's struct module.
/// </summary>
public class FeedVectorTests
{
    private static readonly JsonElement Vectors = LoadVectors();

    [Fact]
    public void Ticker_DecodesVector()
    {
        var (vector, packet) = DecodeSingle<TickerPacket>("ticker_bse_fno");

        Assert.Equal(new InstrumentKey(ExchangeSegment.BseFno, 1100027), packet.Instrument);
        Assert.Equal(Single(vector, "ltp_f32"), packet.LastTradedPrice);
        Assert.Equal(UInt(vector, "ltt"), packet.LastTradeTime);
        AssertEncodesTo(vector, FeedPacketEncoder.Write(packet, Buffer), Buffer);
    }

    [Fact]
    public void Quote_DecodesVector()
    {
        var (vector, packet) = DecodeSingle<QuotePacket>("quote_nse_eq");

        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 2885), packet.Instrument);
        Assert.Equal(Single(vector, "ltp_f32"), packet.LastTradedPrice);
        Assert.Equal(UInt(vector, "ltq"), packet.LastTradedQuantity);
        Assert.Equal(UInt(vector, "ltt"), packet.LastTradeTime);
        Assert.Equal(Single(vector, "atp_f32"), packet.AverageTradePrice);
        Assert.Equal(UInt(vector, "volume"), packet.Volume);
        Assert.Equal(UInt(vector, "total_sell"), packet.TotalSellQuantity);
        Assert.Equal(UInt(vector, "total_buy"), packet.TotalBuyQuantity);
        Assert.Equal(Single(vector, "open_f32"), packet.DayOpen);
        Assert.Equal(Single(vector, "close_f32"), packet.DayClose);
        Assert.Equal(Single(vector, "high_f32"), packet.DayHigh);
        Assert.Equal(Single(vector, "low_f32"), packet.DayLow);
        AssertEncodesTo(vector, FeedPacketEncoder.Write(packet, Buffer), Buffer);
    }

    [Fact]
    public void OpenInterest_DecodesVector()
    {
        var (vector, packet) = DecodeSingle<OpenInterestPacket>("open_interest_nse_fno");

        Assert.Equal(new InstrumentKey(ExchangeSegment.NseFno, 52168), packet.Instrument);
        Assert.Equal(UInt(vector, "oi"), packet.OpenInterest);
        AssertEncodesTo(vector, FeedPacketEncoder.Write(packet, Buffer), Buffer);
    }

    [Fact]
    public void PreviousClose_DecodesVector()
    {
        var (vector, packet) = DecodeSingle<PreviousClosePacket>("previous_close_idx");

        Assert.Equal(new InstrumentKey(ExchangeSegment.IdxI, 13), packet.Instrument);
        Assert.Equal(Single(vector, "previous_close_f32"), packet.PreviousClose);
        Assert.Equal(UInt(vector, "previous_oi"), packet.PreviousOpenInterest);
        AssertEncodesTo(vector, FeedPacketEncoder.Write(packet, Buffer), Buffer);
    }

    [Fact]
    public void Full_DecodesVector()
    {
        var (vector, packet) = DecodeSingle<FullPacket>("full_nse_fno");

        Assert.Equal(new InstrumentKey(ExchangeSegment.NseFno, 52168), packet.Instrument);
        Assert.Equal(Single(vector, "ltp_f32"), packet.LastTradedPrice);
        Assert.Equal(UInt(vector, "ltq"), packet.LastTradedQuantity);
        Assert.Equal(UInt(vector, "ltt"), packet.LastTradeTime);
        Assert.Equal(Single(vector, "atp_f32"), packet.AverageTradePrice);
        Assert.Equal(UInt(vector, "volume"), packet.Volume);
        Assert.Equal(UInt(vector, "total_sell"), packet.TotalSellQuantity);
        Assert.Equal(UInt(vector, "total_buy"), packet.TotalBuyQuantity);
        Assert.Equal(UInt(vector, "oi"), packet.OpenInterest);
        Assert.Equal(UInt(vector, "oi_high"), packet.OpenInterestDayHigh);
        Assert.Equal(UInt(vector, "oi_low"), packet.OpenInterestDayLow);
        Assert.Equal(Single(vector, "open_f32"), packet.DayOpen);
        Assert.Equal(Single(vector, "close_f32"), packet.DayClose);
        Assert.Equal(Single(vector, "high_f32"), packet.DayHigh);
        Assert.Equal(Single(vector, "low_f32"), packet.DayLow);

        var levels = vector.GetProperty("fields").GetProperty("depth");
        var depth = packet.Depth;
        for (var i = 0; i < FeedPacketLayout.DepthLevels; i++)
        {
            var expected = levels[i];
            Assert.Equal(expected.GetProperty("bid_qty").GetUInt32(), depth[i].BidQuantity);
            Assert.Equal(expected.GetProperty("ask_qty").GetUInt32(), depth[i].AskQuantity);
            Assert.Equal(expected.GetProperty("bid_orders").GetUInt16(), depth[i].BidOrders);
            Assert.Equal(expected.GetProperty("ask_orders").GetUInt16(), depth[i].AskOrders);
            Assert.Equal((float)expected.GetProperty("bid_f32").GetDouble(), depth[i].BidPrice);
            Assert.Equal((float)expected.GetProperty("ask_f32").GetDouble(), depth[i].AskPrice);
        }

        AssertEncodesTo(vector, FeedPacketEncoder.Write(packet, Buffer), Buffer);
    }

    [Fact]
    public void Disconnect_DecodesVector()
    {
        var (vector, packet) = DecodeSingle<DisconnectPacket>("disconnect_807");

        Assert.Equal(807, packet.ReasonCode);
        AssertEncodesTo(vector, FeedPacketEncoder.Write(packet, Buffer), Buffer);
    }

    [Fact]
    public void MarketStatus_DecodesHeaderOnlyVector()
    {
        var (vector, packet) = DecodeSingle<MarketStatusPacket>("market_status_nse_eq");

        Assert.Equal(ExchangeSegment.NseEq, packet.Instrument.Segment);
        AssertEncodesTo(vector, FeedPacketEncoder.Write(packet, Buffer), Buffer);
    }

    [Fact]
    public void TwoPacketMessage_DecodesBoth()
    {
        var vector = Find("two_packets");
        var (handler, _, delivered) = RecordingPacketHandler.Decode(vector.GetProperty("hex").GetString()!);

        Assert.Equal(2, delivered);
        var ticker = Assert.IsType<TickerPacket>(handler.Packets[0]);
        Assert.Equal(new InstrumentKey(ExchangeSegment.McxComm, 449735), ticker.Instrument);
        Assert.Equal(Single(vector, "first_ltp_f32"), ticker.LastTradedPrice);
        var openInterest = Assert.IsType<OpenInterestPacket>(handler.Packets[1]);
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseFno, 37054), openInterest.Instrument);
        Assert.Equal(UInt(vector, "second_oi"), openInterest.OpenInterest);

        var encoded = new byte[FeedPacketLayout.TickerSize + FeedPacketLayout.OpenInterestSize];
        var length = FeedPacketEncoder.Write(ticker, encoded);
        length += FeedPacketEncoder.Write(openInterest, encoded.AsSpan(length));
        AssertEncodesTo(vector, length, encoded);
    }

    [Fact]
    public void Vectors_CoverEveryDecodedCode()
    {
        var codes = Vectors.GetProperty("vectors").EnumerateArray()
            .Where(v => v.TryGetProperty("code", out _))
            .Select(v => v.GetProperty("code").GetInt32())
            .ToHashSet();

        Assert.Equal([2, 4, 5, 6, 7, 8, 50], codes.Order());
    }

    private static byte[] Buffer { get; } = new byte[FeedPacketLayout.FullSize];

    private static (JsonElement Vector, T Packet) DecodeSingle<T>(string name)
    {
        var vector = Find(name);
        var (handler, counters, _) = RecordingPacketHandler.Decode(vector.GetProperty("hex").GetString()!);

        Assert.Equal(vector.GetProperty("length").GetInt32(), vector.GetProperty("hex").GetString()!.Length / 2);
        Assert.Equal(1, counters.PacketsWithCode((byte)vector.GetProperty("code").GetInt32()));
        return (vector, Assert.IsType<T>(Assert.Single(handler.Packets)));
    }

    private static void AssertEncodesTo(JsonElement vector, int length, byte[] buffer) =>
        Assert.Equal(vector.GetProperty("hex").GetString(), Convert.ToHexStringLower(buffer, 0, length));

    private static JsonElement Find(string name) =>
        Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static float Single(JsonElement vector, string field) =>
        (float)vector.GetProperty("fields").GetProperty(field).GetDouble();

    private static uint UInt(JsonElement vector, string field) =>
        vector.GetProperty("fields").GetProperty(field).GetUInt32();

    private static JsonElement LoadVectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Feed", "feed_vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
