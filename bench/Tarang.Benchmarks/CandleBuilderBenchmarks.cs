using BenchmarkDotNet.Attributes;
using Tarang.Market.Candles;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;

namespace Tarang.Benchmarks;

/// <summary>
/// Builds one instrument's whole normal session of 1-minute candles from quote updates, 12 a
/// minute as the simulator sends by default. One operation is the day's 4,500 updates.
/// </summary>
[MemoryDiagnoser]
public class CandleBuilderBenchmarks
{
    private const int UpdatesPerMinute = 12;
    private static readonly DateOnly Day = new(2025, 12, 24);

    private MarketUpdate[] updates = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var open = Ist.At(Day, TradingSession.NormalOpen);
        var count = 375 * UpdatesPerMinute;
        updates = new MarketUpdate[count];
        uint volume = 0;
        var price = 1570m;
        for (var i = 0; i < count; i++)
        {
            var quantity = (uint)random.Next(1, 500);
            volume += quantity;
            price += random.Next(-3, 4) * 0.1m;
            updates[i] = new MarketUpdate
            {
                Instrument = new InstrumentKey(ExchangeSegment.NseEq, 2885),
                Kind = MarketUpdateKind.Quote,
                LastTradedPrice = price,
                LastTradeTime = open.AddSeconds(i * 60 / UpdatesPerMinute),
                LastTradedQuantity = quantity,
                Volume = volume,
            };
        }
    }

    [Benchmark(Description = "a session of quote updates into 1-minute candles")]
    public int BuildSession()
    {
        var builder = new MinuteCandleBuilder(TradingSession.Normal(Day));
        foreach (ref readonly var update in updates.AsSpan())
        {
            builder.Add(update);
        }

        return builder.Count;
    }
}
