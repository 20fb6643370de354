using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;

namespace Tarang.Benchmarks;

/// <summary>
/// Folds rounded <see cref="MarketUpdate"/>s into <see cref="StreamChecksums"/>. A price the
/// converter turned into null (the feed's 0) adds 0 paise, as it does in the reference.
/// </summary>
internal readonly struct DecimalChecksumSink(StreamChecksums sums) : IMarketUpdateSink
{
    public void OnUpdate(in MarketUpdate update)
    {
        var code = update.Kind switch
        {
            MarketUpdateKind.Ticker => 2,
            MarketUpdateKind.Quote => 4,
            MarketUpdateKind.OpenInterest => 5,
            MarketUpdateKind.PreviousClose => 6,
            _ => 8,
        };
        sums.AddHeader((byte)code, update.Instrument.SecurityId, (byte)update.Instrument.Segment);

        switch (code)
        {
            case 2:
                sums.LtpPaise[2] += Paise(update.LastTradedPrice);
                sums.AddTime(2, FeedTime(update.LastTradeTime));
                break;
            case 5:
                sums.OpenInterest5 += update.OpenInterest ?? 0;
                break;
            case 6:
                sums.PreviousClosePaise6 += Paise(update.PreviousClose);
                sums.PreviousOpenInterest6 += update.PreviousOpenInterest ?? 0;
                break;
            default:
                AddTrade(code, update);
                break;
        }
    }

    public void OnMarketStatus(InstrumentKey instrument) =>
        sums.AddHeader(7, instrument.SecurityId, (byte)instrument.Segment);

    public void OnDisconnect(ushort reasonCode) => sums.AddHeader(50, 0, 0);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void AddTrade(int code, in MarketUpdate update)
    {
        sums.LtpPaise[code] += Paise(update.LastTradedPrice);
        sums.Ltq[code] += update.LastTradedQuantity ?? 0;
        sums.AddTime(code, FeedTime(update.LastTradeTime));
        sums.AtpPaise[code] += Paise(update.AverageTradePrice);
        sums.Volume[code] += update.Volume ?? 0;
        sums.TotalSell[code] += update.TotalSellQuantity ?? 0;
        sums.TotalBuy[code] += update.TotalBuyQuantity ?? 0;
        sums.OpenPaise[code] += Paise(update.DayOpen);
        sums.ClosePaise[code] += Paise(update.DayClose);
        sums.HighPaise[code] += Paise(update.DayHigh);
        sums.LowPaise[code] += Paise(update.DayLow);
        if (code != 8)
        {
            return;
        }

        sums.OpenInterest8 += update.OpenInterest ?? 0;
        sums.OpenInterestHigh8 += update.OpenInterestDayHigh ?? 0;
        sums.OpenInterestLow8 += update.OpenInterestDayLow ?? 0;
        var depth = update.Depth.GetValueOrDefault();
        for (var i = 0; i < MarketDepth.Levels; i++)
        {
            sums.DepthBidQuantity += depth[i].BidQuantity;
            sums.DepthAskQuantity += depth[i].AskQuantity;
            sums.DepthBidOrders += depth[i].BidOrders;
            sums.DepthAskOrders += depth[i].AskOrders;
            sums.DepthBidPaise += Paise(depth[i].BidPrice);
            sums.DepthAskPaise += Paise(depth[i].AskPrice);
        }
    }

    private static long Paise(decimal? price)
    {
        if (price is not { } value)
        {
            return 0;
        }

        // Reads the decimal's unscaled integer instead of multiplying decimals, which would cost
        // the harness more than the decoding it measures. Rounded prices carry scale 2 or more.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var unscaled = ((long)(uint)bits[1] << 32) | (uint)bits[0];
        for (var scale = value.Scale; scale > 2; scale--)
        {
            unscaled /= 10;
        }

        return value.Scale < 2 ? (long)(value * 100m) : unscaled;
    }

    private static uint FeedTime(DateTimeOffset? instant) => instant is { } value ? Ist.ToFeedTime(value) : 0;
}
