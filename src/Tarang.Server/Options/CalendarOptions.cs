namespace Tarang.Server.Options;

/// <summary>The NSE calendar (section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>
    /// Paths of extra holiday files, loaded after the bundled 2024–2026 list in order, so later
    /// years and corrections need no release. Each is a CSV with the columns date, kind and
    /// description (and session_start, session_end for Muhurat sessions).
    /// </summary>
    public IList<string> HolidayFiles { get; } = [];
}
