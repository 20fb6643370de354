using Tarang.Market.Prices;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Replay;

/// <summary>
/// Synthesises ticks between the points of recorded bars. Each bar gets a fixed number of ticks
/// per minute at distinct whole seconds, so LTT strictly increases. The first tick is at the
/// bar's start with its open and the last carries its close. Two ticks in between carry its
/// high and its low. So the ticks of each bar give exactly the recorded open, high, low and
/// close. The others lie between the low and the high on the tick grid. The bar's volume is
/// spread over its ticks. A seed, the instrument and the date fix every choice.
/// </summary>
internal static class TickSynthesizer
{
    /// <summary>The fewest ticks per minute that can carry open, high, low and close apart.</summary>
    public const int MinTicksPerMinute = 4;

    /// <summary>The most ticks per minute at distinct whole seconds.</summary>
    public const int MaxTicksPerMinute = 60;

    public static IEnumerable<ReplayTick> Synthesise(IReadOnlyList<RecordedBar> bars, int ticksPerMinute, TickSize tickSize, int seed, bool hasVolume)
    {
        if (bars.Count == 0)
        {
            yield break;
        }

        var random = new Random(seed);
        var dayOpen = bars[0].Open;
        var dayHigh = decimal.MinValue;
        var dayLow = decimal.MaxValue;
        long volume = 0;

        foreach (var bar in bars)
        {
            var seconds = (int)bar.Interval.TotalSeconds;
            var count = ticksPerMinute * (int)Math.Max(1, bar.Interval.TotalMinutes);
            var offsets = PickOffsets(random, seconds, count);
            var prices = PickPrices(random, bar, count, tickSize);
            var quantities = SpreadVolume(random, bar.Volume, count);

            for (var i = 0; i < count; i++)
            {
                var time = bar.Start.AddSeconds(offsets[i]);
                dayHigh = Math.Max(dayHigh, prices[i]);
                dayLow = Math.Min(dayLow, prices[i]);
                volume += quantities[i];
                yield return new ReplayTick
                {
                    Time = time,
                    LastTradeTime = time,
                    LastPrice = prices[i],
                    LastQuantity = hasVolume ? quantities[i] : null,
                    Volume = hasVolume ? volume : null,
                    DayOpen = dayOpen,
                    DayHigh = dayHigh,
                    DayLow = dayLow,
                    IsSynthesised = true,
                };
            }
        }
    }

    /// <summary>Mixes the seed with the instrument and date into a seed that does not change between runs.</summary>
    public static int SeedFor(int seed, uint securityId, DateOnly date)
    {
        unchecked
        {
            var mixed = (uint)seed * 0x9E3779B1u;
            mixed ^= securityId * 0x85EBCA77u;
            mixed ^= (uint)date.DayNumber * 0xC2B2AE3Du;
            mixed ^= mixed >> 15;
            return (int)mixed;
        }
    }

    // Distinct whole seconds in [0, seconds), the first being 0, in increasing order.
    private static int[] PickOffsets(Random random, int seconds, int count)
    {
        var candidates = Enumerable.Range(1, seconds - 1).ToArray();
        for (var i = 0; i < count - 1; i++)
        {
            var j = random.Next(i, candidates.Length);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        var offsets = new int[count];
        Array.Copy(candidates, 0, offsets, 1, count - 1);
        Array.Sort(offsets);
        return offsets;
    }

    private static decimal[] PickPrices(Random random, RecordedBar bar, int count, TickSize tickSize)
    {
        var prices = new decimal[count];
        var highIndex = random.Next(1, count - 1);
        var lowIndex = random.Next(1, count - 2);
        if (lowIndex >= highIndex)
        {
            lowIndex++;
        }

        var tick = tickSize.Rupees;
        var steps = (long)((bar.High - bar.Low) / tick);
        for (var i = 0; i < count; i++)
        {
            prices[i] = i switch
            {
                0 => bar.Open,
                _ when i == count - 1 => bar.Close,
                _ when i == highIndex => bar.High,
                _ when i == lowIndex => bar.Low,
                _ => bar.Low + (tick * random.NextInt64(0, steps + 1)),
            };
        }

        return prices;
    }

    private static long[] SpreadVolume(Random random, long volume, int count)
    {
        var quantities = new long[count];
        if (volume <= 0)
        {
            return quantities;
        }

        var weights = new int[count];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            weights[i] = random.Next(1, 101);
            total += weights[i];
        }

        long assigned = 0;
        for (var i = 0; i < count - 1; i++)
        {
            quantities[i] = volume * weights[i] / total;
            assigned += quantities[i];
        }

        quantities[^1] = volume - assigned;
        return quantities;
    }
}
