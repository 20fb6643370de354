using System.Text.Json;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed;

public class FeedRequestEncoderTests
{
    [Fact]
    public void EncodeBatches_Splits250Into100And100And50()
    {
        var instruments = Enumerable.Range(0, 250)
            .Select(i => new InstrumentKey(ExchangeSegment.NseFno, (uint)(40000 + i)))
            .ToList();

        var messages = FeedRequestEncoder.EncodeBatches(FeedRequestCode.SubscribeFull, instruments);

        Assert.Equal([100, 100, 50], messages.Select(m => Parse(m).GetProperty("InstrumentCount").GetInt32()));
        foreach (var message in messages)
        {
            var root = Parse(message);
            Assert.Equal(21, root.GetProperty("RequestCode").GetInt32());
            Assert.Equal(root.GetProperty("InstrumentCount").GetInt32(), root.GetProperty("InstrumentList").GetArrayLength());
        }

        var sent = messages.SelectMany(m => Parse(m).GetProperty("InstrumentList").EnumerateArray())
            .Select(e => e.GetProperty("SecurityId").GetString())
            .ToList();
        Assert.Equal(instruments.Select(i => i.SecurityId.ToString(System.Globalization.CultureInfo.InvariantCulture)), sent);
    }

    [Fact]
    public void EncodeBatches_WritesSecurityIdAsString()
    {
        var message = Assert.Single(FeedRequestEncoder.EncodeBatches(
            FeedRequestCode.SubscribeTicker, [new InstrumentKey(ExchangeSegment.BseEq, 532540)]));

        Assert.Equal(
            """{"RequestCode":15,"InstrumentCount":1,"InstrumentList":[{"ExchangeSegment":"BSE_EQ","SecurityId":"532540"}]}""",
            System.Text.Encoding.UTF8.GetString(message.Span));
    }

    [Fact]
    public void EncodeBatches_EmptyListSendsNothing()
    {
        Assert.Empty(FeedRequestEncoder.EncodeBatches(FeedRequestCode.SubscribeQuote, []));
    }

    [Fact]
    public void EncodeDisconnect_WritesCode12()
    {
        Assert.Equal("""{"RequestCode":12}""", System.Text.Encoding.UTF8.GetString(FeedRequestEncoder.EncodeDisconnect().Span));
    }

    [Theory]
    [InlineData(FeedMode.Ticker, 15, 16)]
    [InlineData(FeedMode.Quote, 17, 18)]
    [InlineData(FeedMode.Full, 21, 22)]
    public void Codes_FollowDhanAnnexure(FeedMode mode, int subscribe, int unsubscribe)
    {
        Assert.Equal(subscribe, (int)FeedRequestEncoder.SubscribeCode(mode));
        Assert.Equal(unsubscribe, (int)FeedRequestEncoder.UnsubscribeCode(mode));
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> message)
    {
        using var document = JsonDocument.Parse(message);
        return document.RootElement.Clone();
    }
}
