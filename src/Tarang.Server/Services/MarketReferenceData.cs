using Microsoft.Extensions.Options;
using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Market.Prices;
using Tarang.Market.Time;
using Tarang.Server.Options;

namespace Tarang.Server.Services;

/// <summary>
/// The instrument catalog and the NSE calendar the server runs on, loaded once at start: the
/// bundled master first, then the configured master file over it, and the bundled holiday list
/// followed by the configured extra files. Readers take the current references without locks.
/// </summary>
public sealed partial class MarketReferenceData(
    IOptions<InstrumentsOptions> instrumentsOptions,
    IOptions<CalendarOptions> calendarOptions,
    TimeProvider timeProvider,
    ILogger<MarketReferenceData> logger) : ITickSizeLookup
{
    private volatile InstrumentCatalog? catalog;
    private volatile NseCalendar? calendar;

    /// <summary>The loaded catalog; empty until <see cref="Load"/> has run.</summary>
    public InstrumentCatalog Catalog => catalog ?? InstrumentCatalog.Empty;

    /// <summary>The loaded calendar; the bundled one until <see cref="Load"/> has run.</summary>
    public NseCalendar Calendar => calendar ?? NseCalendar.Bundled;

    /// <summary>True once the catalog and the calendar are loaded.</summary>
    public bool IsLoaded => catalog is not null && calendar is not null;

    /// <summary>Finds the tick size in the catalog loaded now, so the feed never holds on to the empty one.</summary>
    public bool TryGetTickSize(InstrumentKey instrument, out TickSize tickSize) => Catalog.TryGetTickSize(instrument, out tickSize);

    /// <summary>Loads the catalog and the calendar.</summary>
    /// <exception cref="InvalidDataException">The configured master file has no usable rows.</exception>
    public void Load(CancellationToken cancellationToken)
    {
        calendar = LoadCalendar();
        catalog = LoadCatalog(cancellationToken);
    }

    private InstrumentCatalog LoadCatalog(CancellationToken cancellationToken)
    {
        var bundled = BundledInstrumentMaster.Load(cancellationToken);
        foreach (var file in bundled.Files)
        {
            LogMasterFileLoaded(file.Name, file.Result.Instruments.Count, file.Result.SkippedRowCount, file.Result.Collisions.Count);
        }

        var source = instrumentsOptions.Value.Source;
        if (string.Equals(source, InstrumentsOptions.BundledSource, StringComparison.OrdinalIgnoreCase))
        {
            return bundled.Catalog;
        }

        using var stream = File.OpenRead(source);
        var result = DhanInstrumentMasterParser.Parse(stream, cancellationToken);
        var fileName = Path.GetFileName(source);
        LogMasterFileLoaded(fileName, result.Instruments.Count, result.SkippedRowCount, result.Collisions.Count);
        if (result.Instruments.Count == 0)
        {
            throw new InvalidDataException(
                $"The instrument master '{source}' (Instruments:Source) has no usable rows: {result.SkippedRowCount} of {result.RowCount} were skipped.");
        }

        return new InstrumentCatalogBuilder().Add(bundled.Catalog.Instruments).Add(result.Instruments).Build();
    }

    private NseCalendar LoadCalendar()
    {
        var readers = calendarOptions.Value.HolidayFiles.Select(path => (Reader: (TextReader)File.OpenText(path), Name: path)).ToList();
        try
        {
            var loaded = NseCalendar.Load(readers);
            var today = Ist.DateOf(timeProvider.GetUtcNow());
            if (!loaded.Covers(today))
            {
                LogCalendarYearNotCovered(today.Year);
            }

            return loaded;
        }
        finally
        {
            foreach (var (reader, _) in readers)
            {
                reader.Dispose();
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Loaded {InstrumentCount} instruments from {MasterFile}; skipped {SkippedRows} rows and {Collisions} key collisions.")]
    private partial void LogMasterFileLoaded(string masterFile, int instrumentCount, int skippedRows, int collisions);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "No holiday file covers {Year}, so its weekdays are treated as trading days; add the year's NSE holidays to Calendar:HolidayFiles.")]
    private partial void LogCalendarYearNotCovered(int year);
}
