using Tarang.Dhan.Feed;

namespace Tarang.Benchmarks;

/// <summary>Folds raw decoded packets (float32 prices, IST-based LTT) into <see cref="StreamChecksums"/>.</summary>
internal struct RawChecksumHandler(StreamChecksums sums) : IFeedPacketHandler
{
    public readonly void OnTicker(in TickerPacket packet)
    {
        sums.AddHeader(2, packet.Instrument.SecurityId, (byte)packet.Instrument.Segment);
        sums.LtpPaise[2] += StreamChecksums.Paise(packet.LastTradedPrice);
        sums.AddTime(2, packet.LastTradeTime);
    }

    public readonly void OnQuote(in QuotePacket packet)
    {
        sums.AddHeader(4, packet.Instrument.SecurityId, (byte)packet.Instrument.Segment);
        AddTrade(4, packet.LastTradedPrice, packet.LastTradedQuantity, packet.LastTradeTime, packet.AverageTradePrice,
            packet.Volume, packet.TotalSellQuantity, packet.TotalBuyQuantity,
            packet.DayOpen, packet.DayClose, packet.DayHigh, packet.DayLow);
    }

    public readonly void OnOpenInterest(in OpenInterestPacket packet)
    {
        sums.AddHeader(5, packet.Instrument.SecurityId, (byte)packet.Instrument.Segment);
        sums.OpenInterest5 += packet.OpenInterest;
    }

    public readonly void OnPreviousClose(in PreviousClosePacket packet)
    {
        sums.AddHeader(6, packet.Instrument.SecurityId, (byte)packet.Instrument.Segment);
        sums.PreviousClosePaise6 += StreamChecksums.Paise(packet.PreviousClose);
        sums.PreviousOpenInterest6 += packet.PreviousOpenInterest;
    }

    public readonly void OnFull(in FullPacket packet)
    {
        sums.AddHeader(8, packet.Instrument.SecurityId, (byte)packet.Instrument.Segment);
        AddTrade(8, packet.LastTradedPrice, packet.LastTradedQuantity, packet.LastTradeTime, packet.AverageTradePrice,
            packet.Volume, packet.TotalSellQuantity, packet.TotalBuyQuantity,
            packet.DayOpen, packet.DayClose, packet.DayHigh, packet.DayLow);
        sums.OpenInterest8 += packet.OpenInterest;
        sums.OpenInterestHigh8 += packet.OpenInterestDayHigh;
        sums.OpenInterestLow8 += packet.OpenInterestDayLow;

        var depth = packet.Depth;
        for (var i = 0; i < FeedPacketLayout.DepthLevels; i++)
        {
            sums.DepthBidQuantity += depth[i].BidQuantity;
            sums.DepthAskQuantity += depth[i].AskQuantity;
            sums.DepthBidOrders += depth[i].BidOrders;
            sums.DepthAskOrders += depth[i].AskOrders;
            sums.DepthBidPaise += StreamChecksums.Paise(depth[i].BidPrice);
            sums.DepthAskPaise += StreamChecksums.Paise(depth[i].AskPrice);
        }
    }

    public readonly void OnMarketStatus(in MarketStatusPacket packet) =>
        sums.AddHeader(7, packet.Instrument.SecurityId, (byte)packet.Instrument.Segment);

    public readonly void OnDisconnect(in DisconnectPacket packet) => sums.AddHeader(50, 0, 0);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private readonly void AddTrade(
        int code, float ltp, ushort ltq, uint ltt, float atp, uint volume, uint totalSell, uint totalBuy,
        float open, float close, float high, float low)
    {
        sums.LtpPaise[code] += StreamChecksums.Paise(ltp);
        sums.Ltq[code] += ltq;
        sums.AddTime(code, ltt);
        sums.AtpPaise[code] += StreamChecksums.Paise(atp);
        sums.Volume[code] += volume;
        sums.TotalSell[code] += totalSell;
        sums.TotalBuy[code] += totalBuy;
        sums.OpenPaise[code] += StreamChecksums.Paise(open);
        sums.ClosePaise[code] += StreamChecksums.Paise(close);
        sums.HighPaise[code] += StreamChecksums.Paise(high);
        sums.LowPaise[code] += StreamChecksums.Paise(low);
    }
}
