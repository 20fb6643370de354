using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Feed;

/// <summary>
/// Builds Dhan feed packets from replay ticks. Values the recording lacks are sent as 0, which
/// Dhan's own packets also use for fields that do not apply. The quote and full packets carry
/// the previous close in their day-close field, as Dhan does during the session.
/// </summary>
internal static class FeedPackets
{
    public static TickerPacket Ticker(InstrumentKey instrument, ReplayTick tick) =>
        new(instrument, (float)tick.LastPrice, Ist.ToFeedTime(tick.LastTradeTime));

    public static QuotePacket Quote(InstrumentKey instrument, ReplayTick tick, PreviousClose? previousClose) => new()
    {
        Instrument = instrument,
        LastTradedPrice = (float)tick.LastPrice,
        LastTradedQuantity = ToUInt16(tick.LastQuantity),
        LastTradeTime = Ist.ToFeedTime(tick.LastTradeTime),
        AverageTradePrice = (float)(tick.AveragePrice ?? 0),
        Volume = ToUInt32(tick.Volume),
        TotalSellQuantity = ToUInt32(tick.TotalSellQuantity),
        TotalBuyQuantity = ToUInt32(tick.TotalBuyQuantity),
        DayOpen = (float)(tick.DayOpen ?? 0),
        DayClose = (float)(previousClose?.Price ?? 0),
        DayHigh = (float)(tick.DayHigh ?? 0),
        DayLow = (float)(tick.DayLow ?? 0),
    };

    public static FullPacket Full(InstrumentKey instrument, ReplayTick tick, PreviousClose? previousClose)
    {
        var depth = default(FeedDepth);
        for (var i = 0; i < tick.Depth.Count && i < FeedPacketLayout.DepthLevels; i++)
        {
            var level = tick.Depth[i];
            depth[i] = new FeedDepthLevel(
                ToUInt32(level.BidQuantity), ToUInt32(level.AskQuantity),
                ToUInt16(level.BidOrders), ToUInt16(level.AskOrders),
                (float)level.BidPrice, (float)level.AskPrice);
        }

        return new FullPacket
        {
            Instrument = instrument,
            LastTradedPrice = (float)tick.LastPrice,
            LastTradedQuantity = ToUInt16(tick.LastQuantity),
            LastTradeTime = Ist.ToFeedTime(tick.LastTradeTime),
            AverageTradePrice = (float)(tick.AveragePrice ?? 0),
            Volume = ToUInt32(tick.Volume),
            TotalSellQuantity = ToUInt32(tick.TotalSellQuantity),
            TotalBuyQuantity = ToUInt32(tick.TotalBuyQuantity),
            OpenInterest = ToUInt32(tick.OpenInterest),
            OpenInterestDayHigh = ToUInt32(tick.OpenInterestDayHigh),
            OpenInterestDayLow = ToUInt32(tick.OpenInterestDayLow),
            DayOpen = (float)(tick.DayOpen ?? 0),
            DayClose = (float)(previousClose?.Price ?? 0),
            DayHigh = (float)(tick.DayHigh ?? 0),
            DayLow = (float)(tick.DayLow ?? 0),
            Depth = depth,
        };
    }

    // The quote packet's LTQ field is 16 bits; a larger recorded quantity is sent as the maximum.
    private static ushort ToUInt16(long? value) => (ushort)Math.Clamp(value ?? 0, 0, ushort.MaxValue);

    private static uint ToUInt32(long? value) => (uint)Math.Clamp(value ?? 0, 0, uint.MaxValue);
}
