using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;

namespace Tarang.Dhan.Tests.Feed;

public class MarketUpdateConverterTests
{
    private static readonly InstrumentKey Infy = new(ExchangeSegment.NseEq, 1594);
    private static readonly InstrumentKey NiftyFuture = new(ExchangeSegment.NseFno, 52168);

    [Fact]
    public void Ticker_KeepsRupeesWithoutDivision()
    {
        // The INFY tick is 5 paise in the master; the feed's 1650.25 is already rupees.
        var updates = Convert("02 10 00 01 3A 06 00 00 00 48 CE 44 A4 8A 87 67");

        var update = Assert.Single(updates);
        Assert.Equal(Infy, update.Instrument);
        Assert.Equal(1650.25m, update.LastTradedPrice);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 10, 15, 0, TimeSpan.FromMinutes(330)), update.LastTradeTime);
        Assert.Null(update.Volume);
        Assert.Null(update.Depth);
    }

    [Fact]
    public void Ticker_ZeroPriceIsNoValue()
    {
        var update = Assert.Single(Convert("02 10 00 01 3A 06 00 00 00 00 00 00 A4 8A 87 67"));

        Assert.Null(update.LastTradedPrice);
    }

    [Fact]
    public void Full_RoundsEveryPriceToTick()
    {
        var packet = new FullPacket
        {
            Instrument = NiftyFuture,
            LastTradedPrice = 25978.5f,
            DayOpen = 26080f,
            DayClose = 26060.2f,
            DayHigh = 26100.2f,
            DayLow = 25972.4f,
            AverageTradePrice = 26024.12f,
            OpenInterest = 11148150,
            Depth = Depth(new FeedDepthLevel(75, 150, 1, 2, 25975.6f, 0f)),
        };
        var bytes = new byte[FeedPacketLayout.FullSize];
        FeedPacketEncoder.Write(packet, bytes);

        var update = Assert.Single(Convert(System.Convert.ToHexString(bytes)));

        Assert.Equal(MarketUpdateKind.Full, update.Kind);
        Assert.Equal(25978.5m, update.LastTradedPrice);
        Assert.Equal(26060.2m, update.DayClose);
        Assert.Equal(26100.2m, update.DayHigh);

        // ATP is an average, not a traded price, so it keeps paise.
        Assert.Equal(26024.12m, update.AverageTradePrice);
        Assert.Equal(11148150u, update.OpenInterest);
        var depth = update.Depth!.Value;
        Assert.Equal(25975.6m, depth[0].BidPrice);
        Assert.Null(depth[0].AskPrice);
        Assert.Equal(150u, depth[0].AskQuantity);
        Assert.Null(depth[1].BidPrice);
    }

    [Fact]
    public void Converter_DropsAndCountsUnknownInstrument()
    {
        var converter = new MarketUpdateConverter<ListSink>(new Ticks(), new ListSink());
        var counters = new FeedDecodeCounters();

        FeedDecoder.Decode(System.Convert.FromHexString("0210000135050000 0048CE44A48A8767".Replace(" ", "", StringComparison.Ordinal)), ref converter, counters);

        Assert.Empty(converter.Sink.Updates);
        Assert.Equal(1, converter.UnknownInstruments);
    }

    private static FeedDepth Depth(FeedDepthLevel first)
    {
        var depth = default(FeedDepth);
        depth[0] = first;
        return depth;
    }

    private static List<MarketUpdate> Convert(string hex)
    {
        var converter = new MarketUpdateConverter<ListSink>(new Ticks(), new ListSink());
        FeedDecoder.Decode(System.Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), ref converter, new FeedDecodeCounters());
        return converter.Sink.Updates;
    }

    private sealed class Ticks : ITickSizeLookup
    {
        public bool TryGetTickSize(InstrumentKey instrument, out TickSize tickSize)
        {
            tickSize = instrument == Infy ? TickSize.FromPaise(5) : TickSize.FromPaise(10);
            return instrument == Infy || instrument == NiftyFuture;
        }
    }

    private sealed class ListSink : IMarketUpdateSink
    {
        public List<MarketUpdate> Updates { get; } = [];

        public void OnUpdate(in MarketUpdate update) => Updates.Add(update);

        public void OnMarketStatus(InstrumentKey instrument)
        {
        }

        public void OnDisconnect(ushort reasonCode)
        {
        }
    }
}
