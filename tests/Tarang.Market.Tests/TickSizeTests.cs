using System.Globalization;
using Tarang.Market.Prices;

namespace Tarang.Market.Tests;

public class TickSizeTests
{
    [Fact]
    public void Round_RemovesFloat32Artefacts()
    {
        var tick = TickSize.FromPaise(5);

        Assert.Equal(364.70m, tick.Round(364.7f));
    }

    [Theory]
    [InlineData("5", "0.05")]
    [InlineData("10.0000", "0.10")]
    [InlineData("0.2500", "0.0025")]
    [InlineData("1", "0.01")]
    public void TryFromPaise_DividesByHundred(string paise, string rupees)
    {
        Assert.True(TickSize.TryFromPaise(decimal.Parse(paise, CultureInfo.InvariantCulture), out var tick));
        Assert.Equal(decimal.Parse(rupees, CultureInfo.InvariantCulture), tick.Rupees);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0.0000001")]
    public void TryFromPaise_RejectsInvalidTick(string paise)
    {
        Assert.False(TickSize.TryFromPaise(decimal.Parse(paise, CultureInfo.InvariantCulture), out _));
    }

    [Fact]
    public void FromRupees_StillThrowsForInvalidTick()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TickSize.FromRupees(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TickSize.FromRupees(0.000000001m));
    }
}
