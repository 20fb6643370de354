using Tarang.Market.Time;

namespace Tarang.Market.Tests;

public class IstTests
{
    [Fact]
    public void FromFeedTime_SubtractsIstOffset()
    {
        // 1739274295 read as a UTC wall clock is 2025-02-11 11:44:55, which is an IST time.
        var instant = Ist.FromFeedTime(1739274295);

        Assert.Equal(new DateTimeOffset(2025, 2, 11, 6, 14, 55, TimeSpan.Zero), instant.ToUniversalTime());
        Assert.Equal("2025-02-11T11:44:55+05:30", instant.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToFeedTime_InvertsFromFeedTime()
    {
        var instant = Ist.At(new DateOnly(2025, 12, 29), new TimeOnly(12, 47, 2));

        Assert.Equal(1767012422u, Ist.ToFeedTime(instant));
        Assert.Equal(instant, Ist.FromFeedTime(1767012422));
    }

    [Fact]
    public void DateOf_UsesIstCalendarDate()
    {
        // 20:00 UTC is 01:30 the next day in IST.
        var instant = new DateTimeOffset(2026, 2, 5, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 2, 6), Ist.DateOf(instant));
        Assert.Equal(new TimeOnly(1, 30), Ist.TimeOf(instant));
    }
}
