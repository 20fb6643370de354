using System.Globalization;
using Tarang.Market.Csv;

namespace Tarang.Market.Time;

/// <summary>
/// Reads holiday files: CSV with a header row and at least the columns <c>date</c>
/// (<c>yyyy-MM-dd</c>), <c>kind</c> (<c>holiday</c>, <c>special_session</c>,
/// <c>holiday_with_muhurat</c>, <c>muhurat_session</c>) and <c>description</c>, plus the optional
/// <c>session_start</c> and <c>session_end</c> (<c>HH:mm</c> IST) for Muhurat sessions. Columns
/// are bound by name; others are ignored. Lines whose date starts with <c>#</c> are comments.
/// </summary>
public static class NseCalendarFile
{
    /// <summary>Parses one file.</summary>
    /// <exception cref="FormatException">A row is invalid; the message names the line, the column and the value.</exception>
    public static IReadOnlyList<CalendarEntry> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var csv = new CsvRecordReader(reader);
        if (!csv.ReadRecord())
        {
            throw new FormatException($"{sourceName} is empty; expected a header row starting with 'date'.");
        }

        var columns = Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].Trim().ToString().ToLowerInvariant()).ToList();
        var date = RequiredColumn(columns, "date", sourceName);
        var kind = RequiredColumn(columns, "kind", sourceName);
        var description = columns.IndexOf("description");
        var sessionStart = columns.IndexOf("session_start");
        var sessionEnd = columns.IndexOf("session_end");

        var entries = new List<CalendarEntry>();
        while (csv.ReadRecord())
        {
            string Field(int index) => index >= 0 ? csv[index].Trim().ToString() : "";

            if (Field(date).StartsWith('#'))
            {
                continue;
            }

            var location = $"{sourceName} line {csv.LineNumber}";
            if (csv.HasUnterminatedQuote)
            {
                throw new FormatException($"{location}: a quoted field is never closed; close the quote.");
            }

            if (!DateOnly.TryParseExact(Field(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new FormatException($"{location}: date '{Field(date)}' is invalid; write it as yyyy-MM-dd.");
            }

            var entryKind = ParseKind(Field(kind), location);
            var start = ParseTime(Field(sessionStart), location, "session_start");
            var end = ParseTime(Field(sessionEnd), location, "session_end");
            if ((start is null) != (end is null) || (start is { } s && end is { } e && e <= s))
            {
                throw new FormatException($"{location}: session_start and session_end must both be set, with the end after the start.");
            }

            entries.Add(new CalendarEntry(day, entryKind, Field(description), start, end));
        }

        return entries;
    }

    private static int RequiredColumn(List<string> columns, string name, string sourceName)
    {
        var index = columns.IndexOf(name);
        return index >= 0 ? index : throw new FormatException($"{sourceName} has no '{name}' column; the header must name date, kind and description.");
    }

    private static CalendarEntryKind ParseKind(string text, string location) => text.ToLowerInvariant() switch
    {
        "holiday" => CalendarEntryKind.Holiday,
        "special_session" => CalendarEntryKind.SpecialSession,
        "holiday_with_muhurat" => CalendarEntryKind.HolidayWithMuhurat,
        "muhurat_session" => CalendarEntryKind.MuhuratSession,
        _ => throw new FormatException(
            $"{location}: kind '{text}' is invalid; use holiday, special_session, holiday_with_muhurat or muhurat_session."),
    };

    private static TimeOnly? ParseTime(string text, string location, string column)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"{location}: {column} '{text}' is invalid; write it as HH:mm in IST.");
    }
}
