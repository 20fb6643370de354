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
    public void YearsToExpiry_CountsCalendarDays()
    {
        // Friday 15:30 IST to the following Thursday 15:30 IST: six calendar days, weekend included.
        var now = new DateTimeOffset(2025, 1, 24, 15, 30, 0, TimeSpan.FromMinutes(330));

        Assert.Equal(6.0 / 365, OptionExpiry.YearsToExpiry(ExpiryDate, now), 1e-15);
    }

    [Fact]
    public void YearsToExpiry_UsesInstantNotOffset()
    {
        var inIst = new DateTimeOffset(2025, 1, 28, 15, 3, 0, TimeSpan.FromMinutes(330));
        var inUtc = new DateTimeOffset(2025, 1, 28, 9, 33, 0, TimeSpan.Zero);

        Assert.Equal(OptionExpiry.YearsToExpiry(ExpiryDate, inIst), OptionExpiry.YearsToExpiry(ExpiryDate, inUtc));
        Assert.Equal((2 + (27.0 / 1440)) / 365, OptionExpiry.YearsToExpiry(ExpiryDate, inUtc), 1e-15);
    }

    [Fact]
    public void YearsToExpiry_EndsAtExpiryInstant()
    {
        var atExpiry = OptionExpiry.ExpiryInstant(ExpiryDate);

        Assert.Equal(0, OptionExpiry.YearsToExpiry(ExpiryDate, atExpiry));
        Assert.True(OptionExpiry.YearsToExpiry(ExpiryDate, atExpiry.AddMinutes(1)) < 0);
    }
}
