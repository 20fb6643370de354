using Tarang.Market.Instruments;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Replay;

/// <summary>The replay of one instrument on one day: every tick in send order, the recorded bars and the previous close.</summary>
public sealed class InstrumentDay
{
    internal InstrumentDay(InstrumentKey instrument, DateOnly date, IReadOnlyList<ReplayTick> ticks, IReadOnlyList<RecordedBar> bars, PreviousClose? previousClose)
    {
        Instrument = instrument;
        Date = date;
        Ticks = ticks;
        Bars = bars;
        PreviousClose = previousClose;
    }

    public InstrumentKey Instrument { get; }

    public DateOnly Date { get; }

    /// <summary>The ticks ordered by <see cref="ReplayTick.Time"/>.</summary>
    public IReadOnlyList<ReplayTick> Ticks { get; }

    /// <summary>The recorded bars in the recording's own interval.</summary>
    public IReadOnlyList<RecordedBar> Bars { get; }

    /// <summary>The previous close, or null when neither the recording nor the previous recorded day gives one.</summary>
    public PreviousClose? PreviousClose { get; }

    /// <summary>Returns the index of the first tick sent after <paramref name="instant"/>.</summary>
    public int FirstIndexAfter(DateTimeOffset instant)
    {
        int low = 0, high = Ticks.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Ticks[middle].Time <= instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Returns the latest tick sent at or before <paramref name="instant"/>, or null before the first.</summary>
    public ReplayTick? LatestAt(DateTimeOffset instant)
    {
        var index = FirstIndexAfter(instant) - 1;
        return index >= 0 ? Ticks[index] : null;
    }
}
