using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Dhan.Feed;

/// <summary>
/// Turns raw feed packets into <see cref="MarketUpdate"/>s: float32 prices rounded to the
/// instrument's tick as decimal rupees (0 becomes null), LTT turned into a true instant. The
/// average trade price is an average, not a traded price, so it keeps paise (₹0.01) instead.
/// Packets of instruments without a known tick size are dropped and counted, never defaulted.
/// Pass it to <see cref="FeedDecoder.Decode{THandler}"/> by reference.
/// </summary>
public struct MarketUpdateConverter<TSink>(ITickSizeLookup tickSizes, TSink sink) : IFeedPacketHandler
    where TSink : IMarketUpdateSink
{
    // Not readonly: a struct sink called through a readonly field would be copied and lose its state.
#pragma warning disable IDE0044
    private TSink sink = sink;
#pragma warning restore IDE0044

    /// <summary>Packets dropped because their instrument has no tick size.</summary>
    public long UnknownInstruments { get; private set; }

    /// <summary>The sink, with whatever state it gathered.</summary>
    public readonly TSink Sink => sink;

    public void OnTicker(in TickerPacket packet)
    {
        if (!TryGetTick(packet.Instrument, out var tick))
        {
            return;
        }

        sink.OnUpdate(new MarketUpdate
        {
            Instrument = packet.Instrument,
            Kind = MarketUpdateKind.Ticker,
            LastTradedPrice = Price(tick, packet.LastTradedPrice),
            LastTradeTime = Ist.FromFeedTime(packet.LastTradeTime),
        });
    }

    public void OnQuote(in QuotePacket packet)
    {
        if (!TryGetTick(packet.Instrument, out var tick))
        {
            return;
        }

        sink.OnUpdate(new MarketUpdate
        {
            Instrument = packet.Instrument,
            Kind = MarketUpdateKind.Quote,
            LastTradedPrice = Price(tick, packet.LastTradedPrice),
            LastTradedQuantity = packet.LastTradedQuantity,
            LastTradeTime = Ist.FromFeedTime(packet.LastTradeTime),
            AverageTradePrice = Price(TickSize.OnePaisa, packet.AverageTradePrice),
            Volume = packet.Volume,
            TotalSellQuantity = packet.TotalSellQuantity,
            TotalBuyQuantity = packet.TotalBuyQuantity,
            DayOpen = Price(tick, packet.DayOpen),
            DayClose = Price(tick, packet.DayClose),
            DayHigh = Price(tick, packet.DayHigh),
            DayLow = Price(tick, packet.DayLow),
        });
    }

    public void OnOpenInterest(in OpenInterestPacket packet)
    {
        if (!TryGetTick(packet.Instrument, out _))
        {
            return;
        }

        sink.OnUpdate(new MarketUpdate
        {
            Instrument = packet.Instrument,
            Kind = MarketUpdateKind.OpenInterest,
            OpenInterest = packet.OpenInterest,
        });
    }

    public void OnPreviousClose(in PreviousClosePacket packet)
    {
        if (!TryGetTick(packet.Instrument, out var tick))
        {
            return;
        }

        sink.OnUpdate(new MarketUpdate
        {
            Instrument = packet.Instrument,
            Kind = MarketUpdateKind.PreviousClose,
            PreviousClose = Price(tick, packet.PreviousClose),
            PreviousOpenInterest = packet.PreviousOpenInterest,
        });
    }

    public void OnFull(in FullPacket packet)
    {
        if (!TryGetTick(packet.Instrument, out var tick))
        {
            return;
        }

        var depth = default(MarketDepth);
        var levels = packet.Depth;
        for (var i = 0; i < MarketDepth.Levels; i++)
        {
            var level = levels[i];
            depth[i] = new DepthLevel(
                Price(tick, level.BidPrice), level.BidQuantity, level.BidOrders,
                Price(tick, level.AskPrice), level.AskQuantity, level.AskOrders);
        }

        sink.OnUpdate(new MarketUpdate
        {
            Instrument = packet.Instrument,
            Kind = MarketUpdateKind.Full,
            LastTradedPrice = Price(tick, packet.LastTradedPrice),
            LastTradedQuantity = packet.LastTradedQuantity,
            LastTradeTime = Ist.FromFeedTime(packet.LastTradeTime),
            AverageTradePrice = Price(TickSize.OnePaisa, packet.AverageTradePrice),
            Volume = packet.Volume,
            TotalSellQuantity = packet.TotalSellQuantity,
            TotalBuyQuantity = packet.TotalBuyQuantity,
            OpenInterest = packet.OpenInterest,
            OpenInterestDayHigh = packet.OpenInterestDayHigh,
            OpenInterestDayLow = packet.OpenInterestDayLow,
            DayOpen = Price(tick, packet.DayOpen),
            DayClose = Price(tick, packet.DayClose),
            DayHigh = Price(tick, packet.DayHigh),
            DayLow = Price(tick, packet.DayLow),
            Depth = depth,
        });
    }

    public void OnMarketStatus(in MarketStatusPacket packet) => sink.OnMarketStatus(packet.Instrument);

    public void OnDisconnect(in DisconnectPacket packet) => sink.OnDisconnect(packet.ReasonCode);

    // A zero or negative price is Dhan's "no value"; rounding it would invent a price.
    private static decimal? Price(TickSize tick, float raw) => raw > 0 ? tick.Round(raw) : null;

    private bool TryGetTick(InstrumentKey instrument, out TickSize tick)
    {
        if (tickSizes.TryGetTickSize(instrument, out tick))
        {
            return true;
        }

        UnknownInstruments++;
        return false;
    }
}
