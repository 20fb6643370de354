namespace Tarang.Market.Time;

/// <summary>
/// One exception to the normal NSE week: a holiday or a special session. A Muhurat session
/// whose times are not yet notified has no <see cref="SessionStart"/>, and the day is then treated
/// as closed.
/// </summary>
public sealed record CalendarEntry(
    DateOnly Date, CalendarEntryKind Kind, string Description, TimeOnly? SessionStart, TimeOnly? SessionEnd);
