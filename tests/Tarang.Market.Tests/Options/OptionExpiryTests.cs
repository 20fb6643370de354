using Tarang.Market.Options;

namespace Tarang.Market.Tests.Options;

public class OptionExpiryTests
{
    private static readonly DateOnly ExpiryDate = new(2025, 1, 30);

    [Fact]
    public void ExpiryInstant_Is1530IstOnExpiryDate()
    {
        var instant = OptionExpiry.ExpiryInstant(ExpiryDate);

        Assert.Equal(new DateTimeOffset(2025, 1, 30, 10, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.FromMinutes(330), instant.Offset);
    }

    [Fact]
    public void YearsToExpiry_CountsCalendarDaysFromDayStart()
    {
        // Friday 09:15 IST to the following Thursday 15:30 IST: six days and 6 h 15 min, weekend included.
        var now = new DateTimeOffset(2025, 1, 24, 15, 30, 0, TimeSpan.FromMinutes(330));

        Assert.Equal((6 + (375.0 / 1440)) / 365, OptionExpiry.YearsToExpiry(ExpiryDate, now), 1e-15);
    }

    [Fact]
    public void YearsToExpiry_ConstantThroughIstDay()
    {
        var beforeOpen = new DateTimeOffset(2025, 1, 28, 8, 0, 0, TimeSpan.FromMinutes(330));
        var afterClose = new DateTimeOffset(2025, 1, 28, 23, 59, 0, TimeSpan.FromMinutes(330));

        Assert.Equal(OptionExpiry.YearsToExpiry(ExpiryDate, beforeOpen), OptionExpiry.YearsToExpiry(ExpiryDate, afterClose));
        Assert.True(OptionExpiry.YearsToExpiry(ExpiryDate, afterClose.AddMinutes(2)) < OptionExpiry.YearsToExpiry(ExpiryDate, afterClose));
    }

    [Fact]
    public void YearsToExpiry_UsesIstDateNotOffset()
    {
        // 20:00 UTC on 27 January is 01:30 IST on 28 January, so the day is the 28th.
        var inUtc = new DateTimeOffset(2025, 1, 27, 20, 0, 0, TimeSpan.Zero);
        var inIst = new DateTimeOffset(2025, 1, 28, 10, 0, 0, TimeSpan.FromMinutes(330));

        Assert.Equal(OptionExpiry.YearsToExpiry(ExpiryDate, inIst), OptionExpiry.YearsToExpiry(ExpiryDate, inUtc));
        Assert.Equal((2 + (375.0 / 1440)) / 365, OptionExpiry.YearsToExpiry(ExpiryDate, inUtc), 1e-15);
    }

    [Fact]
    public void YearsToExpiry_EndsAtExpiryInstant()
    {
        var atExpiry = OptionExpiry.ExpiryInstant(ExpiryDate);

        Assert.Equal(0, OptionExpiry.YearsToExpiry(ExpiryDate, atExpiry));
        Assert.True(OptionExpiry.YearsToExpiry(ExpiryDate, atExpiry.AddMinutes(1)) < 0);
    }
}
