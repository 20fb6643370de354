using Tarang.Market.Instruments;

namespace Tarang.Simulator.Recording;

/// <summary>The recorded days of one instrument.</summary>
public sealed class RecordedSeries
{
    private readonly SortedDictionary<DateOnly, RecordedDay> days = [];

    public RecordedSeries(InstrumentKey instrument, string source)
    {
        Instrument = instrument;
        Source = source;
    }

    public InstrumentKey Instrument { get; }

    /// <summary>The names of the recording files the series was read from.</summary>
    public string Source { get; private set; }

    public IReadOnlyCollection<DateOnly> Dates => days.Keys;

    public IEnumerable<RecordedDay> Days => days.Values;

    public bool TryGetDay(DateOnly date, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecordedDay? day) =>
        days.TryGetValue(date, out day);

    internal RecordedDay GetOrAddDay(DateOnly date)
    {
        if (!days.TryGetValue(date, out var day))
        {
            day = new RecordedDay(date);
            days.Add(date, day);
        }

        return day;
    }

    internal void AddSource(string source)
    {
        if (!Source.Contains(source, StringComparison.Ordinal))
        {
            Source = $"{Source}; {source}";
        }
    }
}
