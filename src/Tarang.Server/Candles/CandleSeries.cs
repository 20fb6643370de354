using Tarang.Market.Candles;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;

namespace Tarang.Server.Candles;

/// <summary>
/// One instrument's candles of the day with their builder. The feed task writes and requests
/// read, so every access takes the series' lock; a read copies at most one session of candles.
/// </summary>
internal sealed class CandleSeries(MinuteCandleBuilder builder)
{
    private readonly Lock sync = new();
    private DateTimeOffset? receivedAt;
    private long lastUse;

    /// <summary>The store's use counter at the last write or read, for least-recently-used eviction.</summary>
    public long LastUse => Volatile.Read(ref lastUse);

    public (Candle[] Candles, DateTimeOffset? LastTradeTime, DateTimeOffset? ReceivedAt) Read(long use)
    {
        Volatile.Write(ref lastUse, use);
        lock (sync)
        {
            return (builder.ToArray(), builder.LastTradeTime, receivedAt);
        }
    }

    public CandleTickOutcome Add(in MarketUpdate update, LatestValue state, long use)
    {
        Volatile.Write(ref lastUse, use);
        lock (sync)
        {
            var outcome = builder.Add(update);
            if (outcome == CandleTickOutcome.Added)
            {
                receivedAt = state.ReceivedAt;
            }

            return outcome;
        }
    }

    public void MarkGap()
    {
        lock (sync)
        {
            builder.MarkGap();
        }
    }
}
