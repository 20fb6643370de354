using System.Collections.Concurrent;
using Tarang.Market.Instruments;
using Tarang.Market.Prices;
using Tarang.Market.Time;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Replay;

/// <summary>
/// Builds the replay of each recorded instrument and day: recorded ticks as recorded, synthesised
/// ticks between recorded bar points, and the previous close. An instrument with no recording on
/// a day has no replay that day. Days are built on first use and kept.
/// </summary>
public sealed class ReplayEngine
{
    /// <summary>The default number of synthesised ticks per minute of a bar.</summary>
    public const int DefaultTicksPerMinute = 12;

    /// <summary>
    /// The maximum number of built instrument-days kept in the cache. A day of 1-minute bars at 12 ticks per minute is
    /// 4,500 ticks of about 280 bytes each (an estimate from the field sizes), so about 1.3 MB.
    /// The cache then stays under about 120 MB, where a loop over every recorded day would
    /// otherwise keep all of them.
    /// </summary>
    public const int MaxCachedDays = 96;

    private readonly ConcurrentDictionary<(InstrumentKey, DateOnly), Lazy<InstrumentDay?>> days = new();
    private readonly ConcurrentQueue<(InstrumentKey, DateOnly)> buildOrder = new();

    public ReplayEngine(MarketRecording recording, InstrumentCatalog catalog, NseCalendar calendar, int ticksPerMinute = DefaultTicksPerMinute, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(calendar);
        if (ticksPerMinute is < TickSynthesizer.MinTicksPerMinute or > TickSynthesizer.MaxTicksPerMinute)
        {
            throw new ArgumentOutOfRangeException(nameof(ticksPerMinute), ticksPerMinute,
                $"Replay:TicksPerMinute must be between {TickSynthesizer.MinTicksPerMinute} and {TickSynthesizer.MaxTicksPerMinute}, so open, high, low and close fall on distinct seconds.");
        }

        Recording = recording;
        Catalog = catalog;
        Calendar = calendar;
        TicksPerMinute = ticksPerMinute;
        Seed = seed;
    }

    public MarketRecording Recording { get; }

    public InstrumentCatalog Catalog { get; }

    public NseCalendar Calendar { get; }

    public int TicksPerMinute { get; }

    public int Seed { get; }

    /// <summary>Returns the replay of the instrument on the date, or null when nothing was recorded for it that day.</summary>
    public InstrumentDay? GetDay(InstrumentKey instrument, DateOnly date)
    {
        var key = (instrument, date);
        if (days.TryGetValue(key, out var cached))
        {
            return cached.Value;
        }

        var added = new Lazy<InstrumentDay?>(() => Build(instrument, date));
        var entry = days.GetOrAdd(key, added);
        if (ReferenceEquals(entry, added))
        {
            // The oldest built day leaves the cache; a connection still sending it keeps its own reference.
            buildOrder.Enqueue(key);
            while (buildOrder.Count > MaxCachedDays && buildOrder.TryDequeue(out var oldest))
            {
                days.TryRemove(oldest, out _);
            }
        }

        return entry.Value;
    }

    /// <summary>
    /// Returns the instrument's bars on the date without synthesising ticks: the recorded bars, or
    /// for a tick-only recording bars built from its ticks. Empty when nothing was recorded.
    /// </summary>
    public IReadOnlyList<RecordedBar> GetBars(InstrumentKey instrument, DateOnly date)
    {
        if (!Recording.TryGetDay(instrument, date, out var recorded))
        {
            return [];
        }

        return recorded.Bars.Count > 0 ? recorded.Bars : MinuteBarsFromTicks(recorded.Ticks);
    }

    /// <summary>
    /// Returns the latest tick at or before <paramref name="now"/> with the day it belongs to: from
    /// the current day, or before that day's first tick the last tick of the previous trading day
    /// when that day is recorded. Returns null when neither exists.
    /// </summary>
    public (InstrumentDay Day, ReplayTick Tick)? LatestTick(InstrumentKey instrument, DateTimeOffset now)
    {
        var date = Ist.DateOf(now);
        if (GetDay(instrument, date) is { } day && day.LatestAt(now) is { } tick)
        {
            return (day, tick);
        }

        var previous = GetDay(instrument, Calendar.PreviousTradingDay(date));
        return previous is { Ticks.Count: > 0 } ? (previous, previous.Ticks[^1]) : null;
    }

    private InstrumentDay? Build(InstrumentKey instrument, DateOnly date)
    {
        if (!Recording.TryGetDay(instrument, date, out var recorded))
        {
            return null;
        }

        var tickSize = Catalog.TryGetTickSize(instrument, out var size) ? size : TickSize.OnePaisa;
        var hasVolume = instrument.Segment != ExchangeSegment.IdxI;
        var seed = TickSynthesizer.SeedFor(Seed, instrument.SecurityId, date);
        var ticks = TickSynthesizer.Synthesise(recorded.Bars, TicksPerMinute, tickSize, seed, hasVolume)
            .Concat(recorded.Ticks)
            .OrderBy(t => t.Time)
            .ToArray();

        var bars = recorded.Bars.Count > 0 ? recorded.Bars : MinuteBarsFromTicks(recorded.Ticks);
        return new InstrumentDay(instrument, date, ticks, bars, FindPreviousClose(instrument, recorded));
    }

    /// <summary>
    /// Builds 1-minute bars from a tick-only recording (the futures): open, high, low and close of
    /// the LTPs in each minute that has ticks. A bar's volume is the growth of the day's cumulative
    /// volume since the previous minute's last tick.
    /// </summary>
    /// <remarks>
    /// NOTE: where the previous minute has no ticks (the first minute of a recorded stretch), the
    /// volume is counted from the minute's first tick, so that first tick's own trades are missing.
    /// </remarks>
    internal static IReadOnlyList<RecordedBar> MinuteBarsFromTicks(IReadOnlyList<ReplayTick> ticks)
    {
        var bars = new List<RecordedBar>();
        ReplayTick? previousMinuteLast = null;
        foreach (var minute in ticks.GroupBy(t => t.Time.AddTicks(-(t.Time.Ticks % TimeSpan.TicksPerMinute))))
        {
            var inMinute = minute.ToArray();
            var start = minute.Key;
            var baseTick = previousMinuteLast is { } previous && previous.Time >= start.AddMinutes(-1) ? previous : inMinute[0];
            var volume = (inMinute[^1].Volume ?? 0) - (baseTick.Volume ?? 0);
            bars.Add(new RecordedBar(
                start,
                TimeSpan.FromMinutes(1),
                inMinute[0].LastPrice,
                inMinute.Max(t => t.LastPrice),
                inMinute.Min(t => t.LastPrice),
                inMinute[^1].LastPrice,
                Math.Max(0, volume)));
            previousMinuteLast = inMinute[^1];
        }

        return bars;
    }

    private PreviousClose? FindPreviousClose(InstrumentKey instrument, RecordedDay recorded)
    {
        if (recorded.RecordedPreviousClose is { } price)
        {
            return new PreviousClose(price, IsRecorded: true);
        }

        var previousDate = Calendar.PreviousTradingDay(recorded.Date);
        return Recording.TryGetDay(instrument, previousDate, out var previous) && previous.Bars.Count > 0
            ? new PreviousClose(previous.Bars[^1].Close, IsRecorded: false)
            : null;
    }
}
