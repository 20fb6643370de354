namespace Tarang.Market.Time;

/// <summary>What a row of the holiday file says about its date.</summary>
public enum CalendarEntryKind
{
    /// <summary>No trading.</summary>
    Holiday,

    /// <summary>A full session on a day that would otherwise be closed (a Saturday or Sunday).</summary>
    SpecialSession,

    /// <summary>A holiday with a short evening Muhurat session.</summary>
    HolidayWithMuhurat,

    /// <summary>A Muhurat session on a day that would otherwise be closed.</summary>
    MuhuratSession,
}
