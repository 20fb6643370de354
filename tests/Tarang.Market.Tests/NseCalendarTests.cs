using Tarang.Market.Time;

namespace Tarang.Market.Tests;

public class NseCalendarTests
{
    private static readonly NseCalendar Calendar = NseCalendar.Bundled;

    [Theory]
    [InlineData("2026-02-06T08:59:59+05:30", MarketStatus.Closed)]
    [InlineData("2026-02-06T09:00:00+05:30", MarketStatus.PreOpen)]
    [InlineData("2026-02-06T09:14:59+05:30", MarketStatus.PreOpen)]
    [InlineData("2026-02-06T09:15:00+05:30", MarketStatus.Open)]
    [InlineData("2026-02-06T10:47:00+05:30", MarketStatus.Open)]
    [InlineData("2026-02-06T15:29:59+05:30", MarketStatus.Open)]
    [InlineData("2026-02-06T15:30:00+05:30", MarketStatus.Closed)]
    [InlineData("2026-02-07T11:00:00+05:30", MarketStatus.Closed)]
    [InlineData("2026-01-26T11:00:00+05:30", MarketStatus.Holiday)]
    [InlineData("2026-02-01T11:00:00+05:30", MarketStatus.Open)]
    [InlineData("2025-10-21T11:00:00+05:30", MarketStatus.Closed)]
    [InlineData("2025-10-21T13:30:00+05:30", MarketStatus.PreOpen)]
    [InlineData("2025-10-21T14:00:00+05:30", MarketStatus.Open)]
    [InlineData("2025-10-21T14:45:00+05:30", MarketStatus.Closed)]
    [InlineData("2026-11-08T18:00:00+05:30", MarketStatus.Closed)]
    public void GetStatus_FollowsSessionsAndHolidays(string instant, MarketStatus expected)
    {
        Assert.Equal(expected, Calendar.GetStatus(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void GetStatus_ConvertsUtcInstantToIst()
    {
        // 03:45 UTC is 09:15 IST.
        Assert.Equal(MarketStatus.Open, Calendar.GetStatus(new DateTimeOffset(2026, 2, 6, 3, 45, 0, TimeSpan.Zero)));
        Assert.Equal(MarketStatus.PreOpen, Calendar.GetStatus(new DateTimeOffset(2026, 2, 6, 3, 44, 59, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2025-11-05")]
    [InlineData("2025-12-25")]
    [InlineData("2026-01-15")]
    [InlineData("2026-03-03")]
    public void IsTradingDay_FalseOnListedHoliday(string date)
    {
        Assert.False(Calendar.IsTradingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NextTradingDay_SkipsWeekendAndHoliday()
    {
        Assert.Equal(new DateOnly(2026, 1, 27), Calendar.NextTradingDay(new DateOnly(2026, 1, 23)));
        Assert.Equal(new DateOnly(2025, 12, 26), Calendar.NextTradingDay(new DateOnly(2025, 12, 24)));
    }

    [Fact]
    public void PreviousTradingDay_FindsSundaySession()
    {
        Assert.Equal(new DateOnly(2026, 2, 1), Calendar.PreviousTradingDay(new DateOnly(2026, 2, 2)));
    }

    [Fact]
    public void GetSession_MuhuratWithoutTimesIsClosed()
    {
        var entry = Calendar.GetEntry(new DateOnly(2026, 11, 8));

        Assert.Equal(CalendarEntryKind.MuhuratSession, entry!.Kind);
        Assert.Null(Calendar.GetSession(new DateOnly(2026, 11, 8)));
    }

    [Fact]
    public void GetSession_NormalDayHasNseHours()
    {
        var session = Calendar.GetSession(new DateOnly(2026, 2, 6))!;

        Assert.Equal(new DateTimeOffset(2026, 2, 6, 3, 30, 0, TimeSpan.Zero), session.PreOpenStartInstant);
        Assert.Equal(new DateTimeOffset(2026, 2, 6, 3, 45, 0, TimeSpan.Zero), session.OpenInstant);
        Assert.Equal(new DateTimeOffset(2026, 2, 6, 10, 0, 0, TimeSpan.Zero), session.CloseInstant);
    }

    [Fact]
    public void Covers_BundledYearsOnly()
    {
        Assert.True(Calendar.Covers(new DateOnly(2026, 6, 1)));
        Assert.False(Calendar.Covers(new DateOnly(2027, 1, 26)));
    }

    [Fact]
    public void Load_AddsLaterYearFromFile()
    {
        const string file = """
            date,kind,description
            2027-01-26,holiday,Republic Day
            2027-02-06,special_session,Budget Saturday
            """;

        var calendar = NseCalendar.Load([(new StringReader(file), "holidays_2027.csv")]);

        Assert.True(calendar.Covers(new DateOnly(2027, 3, 1)));
        Assert.False(calendar.IsTradingDay(new DateOnly(2027, 1, 26)));
        Assert.True(calendar.IsTradingDay(new DateOnly(2027, 2, 6)));
        Assert.False(calendar.IsTradingDay(new DateOnly(2026, 1, 26)));
    }

    [Fact]
    public void Load_LaterFileReplacesBundledRow()
    {
        const string file = """
            date,kind,description,session_start,session_end
            2026-11-08,muhurat_session,Muhurat session notified,18:00,19:00
            """;

        var calendar = NseCalendar.Load([(new StringReader(file), "muhurat_2026.csv")]);

        Assert.Equal(MarketStatus.Open, calendar.GetStatus(new DateTimeOffset(2026, 11, 8, 18, 30, 0, Ist.Offset)));
        Assert.Equal(MarketStatus.PreOpen, calendar.GetStatus(new DateTimeOffset(2026, 11, 8, 17, 50, 0, Ist.Offset)));
    }

    [Theory]
    [InlineData("2027-13-01,holiday,x", "date '2027-13-01' is invalid")]
    [InlineData("2027-01-26,closed,x", "kind 'closed' is invalid")]
    [InlineData("2027-01-26,muhurat_session,x,18:00,", "session_start and session_end must both be set")]
    [InlineData("2027-01-26,muhurat_session,x,19:00,18:00", "the end after the start")]
    public void Load_RejectsInvalidRowNamingIt(string row, string expected)
    {
        var file = "date,kind,description,session_start,session_end\n" + row;

        var error = Assert.Throws<FormatException>(() => NseCalendar.Load([(new StringReader(file), "extra.csv")]));

        Assert.StartsWith("extra.csv line 2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
