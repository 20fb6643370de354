using System.Globalization;
using Tarang.Market.Prices;

namespace Tarang.Market.Tests;

public class TickSizeTests
{
    [Theory]
    [InlineData(364.7f, "0.05", "364.70")]
    [InlineData(21.450000762f, "0.05", "21.45")]
    [InlineData(25974.9f, "0.05", "25974.90")]
    [InlineData(23092.19921875f, "0.01", "23092.20")]
    [InlineData(25978.53f, "0.10", "25978.50")]
    [InlineData(104.74f, "0.0025", "104.7400")]
    [InlineData(0.07f, "0.05", "0.05")]
    public void Round_SnapsFloat32ToTick(float raw, string tick, string expected)
    {
        var tickSize = TickSize.FromRupees(decimal.Parse(tick, CultureInfo.InvariantCulture));

        var rounded = tickSize.Round(raw);

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), rounded);
    }

    [Fact]
    public void Round_KeepsExactDecimalValueForJson()
    {
        // 25974.9 as float32 is 25974.900390625; the decimal must print as 25974.90 exactly.
        var rounded = TickSize.FromPaise(5).Round(25974.9f);

        Assert.Equal("25974.90", rounded!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Round_HalfTickRoundsAwayFromZero()
    {
        Assert.Equal(100.10m, TickSize.FromPaise(5).Round(100.075));
    }

    [Fact]
    public void Round_NonFiniteIsNull()
    {
        Assert.Null(TickSize.FromPaise(5).Round(float.NaN));
        Assert.Null(TickSize.FromPaise(5).Round(float.PositiveInfinity));
    }

    [Fact]
    public void FromPaise_DividesMasterValueByHundred()
    {
        Assert.Equal(0.05m, TickSize.FromPaise(5).Rupees);
        Assert.Equal(0.10m, TickSize.FromPaise(10).Rupees);
        Assert.Equal(0.0025m, TickSize.FromPaise(0.25m).Rupees);
    }

    [Fact]
    public void FromRupees_RejectsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TickSize.FromRupees(0));
    }

    [Fact]
    public void RoundDecimal_SnapsToTick()
    {
        Assert.Equal(2863.15m, TickSize.FromPaise(5).Round(2863.17m));
        Assert.True(TickSize.FromPaise(5).IsOnTick(2863.15m));
        Assert.False(TickSize.FromPaise(5).IsOnTick(2863.17m));
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
