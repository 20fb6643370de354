using System.Collections.Frozen;

namespace Tarang.Market.Time;

/// <summary>
/// The NSE trading calendar in IST: normal sessions on weekdays (pre-open 09:00–09:15, normal
/// 09:15–15:30), minus holidays, plus special sessions. The bundled list covers 2024–2026; later
/// years come from extra holiday files in the same format, loaded without a release. Dates in a
/// year no file covers are treated as normal weekdays, and <see cref="Covers"/> says so.
/// </summary>
public sealed class NseCalendar
{
    private const string BundledResource = "Tarang.Market.nse_holidays.csv";

    /// <summary>Muhurat sessions open with a 15-minute pre-open auction, as NSE's Diwali circulars set it.</summary>
    private static readonly TimeSpan MuhuratPreOpen = TimeSpan.FromMinutes(15);

    private static readonly Lazy<NseCalendar> BundledCalendar = new(() => Load([]));

    private readonly FrozenDictionary<DateOnly, CalendarEntry> entries;
    private readonly FrozenSet<int> coveredYears;

    private NseCalendar(IEnumerable<CalendarEntry> entries)
    {
        var byDate = new Dictionary<DateOnly, CalendarEntry>();
        foreach (var entry in entries)
        {
            // A later file replaces an earlier row for the same date, so a correction needs no release.
            byDate[entry.Date] = entry;
        }

        this.entries = byDate.ToFrozenDictionary();
        coveredYears = byDate.Keys.Select(d => d.Year).ToFrozenSet();
    }

    /// <summary>The calendar of the bundled holiday list alone.</summary>
    public static NseCalendar Bundled => BundledCalendar.Value;

    /// <summary>The years that at least one loaded file lists a row for.</summary>
    public IReadOnlySet<int> CoveredYears => coveredYears;

    /// <summary>Every exception to the normal week, by date.</summary>
    public IReadOnlyDictionary<DateOnly, CalendarEntry> Entries => entries;

    /// <summary>
    /// Builds a calendar from the bundled list and then each extra file in order; a later row
    /// for a date replaces an earlier one.
    /// </summary>
    /// <exception cref="FormatException">An extra file has an invalid row.</exception>
    public static NseCalendar Load(IEnumerable<(TextReader Reader, string SourceName)> extraFiles)
    {
        ArgumentNullException.ThrowIfNull(extraFiles);
        var all = new List<CalendarEntry>(LoadBundledEntries());
        foreach (var (reader, sourceName) in extraFiles)
        {
            all.AddRange(NseCalendarFile.Parse(reader, sourceName));
        }

        return new NseCalendar(all);
    }

    /// <summary>Returns true when a loaded file lists the date's year, so its holidays are known.</summary>
    public bool Covers(DateOnly date) => coveredYears.Contains(date.Year);

    /// <summary>Returns the date's holiday or special-session row, or null for an ordinary day.</summary>
    public CalendarEntry? GetEntry(DateOnly date) => entries.GetValueOrDefault(date);

    /// <summary>Returns the trading hours of the date, or null when the market does not trade that day.</summary>
    public TradingSession? GetSession(DateOnly date)
    {
        if (entries.TryGetValue(date, out var entry))
        {
            return entry.Kind switch
            {
                CalendarEntryKind.SpecialSession => TradingSession.Normal(date),
                CalendarEntryKind.HolidayWithMuhurat or CalendarEntryKind.MuhuratSession when entry.SessionStart is { } start =>
                    new TradingSession(date, start.Add(-MuhuratPreOpen), start, entry.SessionEnd!.Value),
                _ => null,
            };
        }

        return IsWeekend(date) ? null : TradingSession.Normal(date);
    }

    /// <summary>Returns true when the market has a session on the date.</summary>
    public bool IsTradingDay(DateOnly date) => GetSession(date) is not null;

    /// <summary>Returns the market status at an instant.</summary>
    public MarketStatus GetStatus(DateTimeOffset instant)
    {
        var date = Ist.DateOf(instant);
        var session = GetSession(date);
        if (session is null)
        {
            return IsWeekend(date) ? MarketStatus.Closed : MarketStatus.Holiday;
        }

        var time = Ist.TimeOf(instant);
        if (time >= session.PreOpenStart && time < session.Open)
        {
            return MarketStatus.PreOpen;
        }

        return time >= session.Open && time < session.Close ? MarketStatus.Open : MarketStatus.Closed;
    }

    /// <summary>Returns the first trading day after <paramref name="date"/>.</summary>
    public DateOnly NextTradingDay(DateOnly date) => Step(date, 1);

    /// <summary>Returns the last trading day before <paramref name="date"/>.</summary>
    public DateOnly PreviousTradingDay(DateOnly date) => Step(date, -1);

    private DateOnly Step(DateOnly from, int days)
    {
        // Holidays never run for more than a few days, so this ends quickly; the bound guards a bad file.
        var date = from;
        for (var i = 0; i < 30; i++)
        {
            date = date.AddDays(days);
            if (IsTradingDay(date))
            {
                return date;
            }
        }

        throw new InvalidOperationException($"No trading day within 30 days of {from:yyyy-MM-dd}; check the holiday files.");
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static IReadOnlyList<CalendarEntry> LoadBundledEntries()
    {
        using var stream = typeof(NseCalendar).Assembly.GetManifestResourceStream(BundledResource)
            ?? throw new InvalidOperationException($"The bundled holiday list '{BundledResource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return NseCalendarFile.Parse(reader, "bundled nse_holidays.csv");
    }
}
