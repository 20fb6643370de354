using Tarang.Market.Options;

namespace Tarang.Market.Tests.Options;

public class NormalDistributionTests
{
    // Reference values printed by tools/option-vectors/black76_vectors.py (Python math.erfc).
    [Theory]
    [InlineData(-30.0, 4.906713927148764e-198)]
    [InlineData(-12.5, 3.73256429887781e-36)]
    [InlineData(-8.0, 6.220960574271819e-16)]
    [InlineData(-7.2, 3.0106279811174455e-13)]
    [InlineData(-7.0, 1.279812543885835e-12)]
    [InlineData(-5.0, 2.866515718791946e-07)]
    [InlineData(-2.5, 0.006209665325776139)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-0.3, 0.3820885778110474)]
    [InlineData(0.0, 0.5)]
    [InlineData(0.3, 0.6179114221889526)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(2.5, 0.9937903346742238)]
    [InlineData(5.0, 0.9999997133484281)]
    [InlineData(8.0, 0.9999999999999993)]
    public void Cdf_MatchesPythonErfc(double x, double expected)
    {
        var actual = NormalDistribution.Cdf(x);

        Assert.InRange(Math.Abs(actual - expected), 0, 1e-15);
        Assert.InRange(Math.Abs(actual - expected), 0, 1e-8 * expected);
    }

    [Fact]
    public void Cdf_IsSymmetric()
    {
        for (var x = 0.0; x <= 8; x += 0.01)
        {
            Assert.Equal(1, NormalDistribution.Cdf(x) + NormalDistribution.Cdf(-x), 1e-15);
        }
    }

    [Fact]
    public void Cdf_SaturatesInFarTails()
    {
        Assert.Equal(0, NormalDistribution.Cdf(-40));
        Assert.Equal(1, NormalDistribution.Cdf(40));
        Assert.Equal(0, NormalDistribution.Cdf(double.NegativeInfinity));
        Assert.Equal(1, NormalDistribution.Cdf(double.PositiveInfinity));
        Assert.True(double.IsNaN(NormalDistribution.Cdf(double.NaN)));
    }
}
