using Tarang.Market.Instruments;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Synthetic;

/// <summary>
/// The high-rate synthetic mode for load and soak tests: a seeded random walk over the first N
/// NSE equities of the bundled master, at a chosen total tick rate. The prices are synthetic,
/// not market data: each walk starts at a seeded price between ₹50 and ₹5,000 and moves by
/// whole ticks.
/// </summary>
public sealed class SyntheticMarket
{
    private readonly Dictionary<InstrumentKey, WalkState> walks;
    private readonly Lock walkLock = new();

    public SyntheticMarket(InstrumentCatalog catalog, int instrumentCount, int ticksPerSecond, int seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var random = new Random(seed);
        Instruments = catalog.Instruments
            .Where(i => i.Key.Segment == ExchangeSegment.NseEq && i.Kind == InstrumentKind.Equity)
            .OrderBy(i => i.Key.SecurityId)
            .Take(instrumentCount)
            .ToArray();
        walks = Instruments.ToDictionary(
            i => i.Key,
            i => new WalkState(i.TickSize.Rupees, i.TickSize.Round((decimal)(50 + (random.NextDouble() * 4_950))), new Random(random.Next())));
        TicksPerSecond = ticksPerSecond;
    }

    /// <summary>The instruments that tick, in security-id order.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Ticks per wall-clock second over all instruments.</summary>
    public int TicksPerSecond { get; }

    /// <summary>Ticks per wall-clock second of one instrument.</summary>
    public double TicksPerSecondPerInstrument => (double)TicksPerSecond / Math.Max(1, Instruments.Count);

    public bool Contains(InstrumentKey instrument) => walks.ContainsKey(instrument);

    /// <summary>Moves the instrument's walk one step and returns the tick, stamped with <paramref name="now"/>.</summary>
    public ReplayTick NextTick(InstrumentKey instrument, DateTimeOffset now)
    {
        lock (walkLock)
        {
            var walk = walks[instrument];
            walk.Price = Math.Max(walk.Tick, walk.Price + (walk.Tick * walk.Random.Next(-3, 4)));
            var quantity = walk.Random.Next(1, 500);
            walk.Volume += quantity;
            walk.Open ??= walk.Price;
            walk.High = Math.Max(walk.High ?? walk.Price, walk.Price);
            walk.Low = Math.Min(walk.Low ?? walk.Price, walk.Price);
            return new ReplayTick
            {
                Time = now,
                LastTradeTime = now,
                LastPrice = walk.Price,
                LastQuantity = quantity,
                Volume = walk.Volume,
                DayOpen = walk.Open,
                DayHigh = walk.High,
                DayLow = walk.Low,
                IsSynthesised = true,
            };
        }
    }

    private sealed class WalkState(decimal tick, decimal price, Random random)
    {
        public decimal Tick { get; } = tick;

        public decimal Price { get; set; } = price;

        public Random Random { get; } = random;

        public long Volume { get; set; }

        public decimal? Open { get; set; }

        public decimal? High { get; set; }

        public decimal? Low { get; set; }
    }
}
