using Tarang.Market.Instruments;
using Tarang.Market.Options;

namespace Tarang.Market.Tests.Options;

public class Black76Tests
{
    private const double RelativeTolerance = 1e-9;

    // Reference values printed by tools/option-vectors/black76_vectors.py, which computes
    // Black-76 at zero rate in Python with math.erfc, independently of this code.
    // Columns: type, forward, strike, years, vol %, price, delta, gamma, theta/day, vega/point.
    [Theory]
    [InlineData(OptionType.CE, 23000.0, 23000.0, 0.005479452054794521, 20.0, 135.84150889349257, 0.5029530762802933, 0.0011715795166039958, -33.95975694704186, 6.791951389408373)]
    [InlineData(OptionType.PE, 23000.0, 23000.0, 0.005479452054794521, 20.0, 135.84150889349257, -0.4970469237197067, 0.0011715795166039958, -33.95975694704186, 6.791951389408373)]
    [InlineData(OptionType.CE, 23000.0, 23500.0, 0.019178082191780823, 15.0, 37.60152911585146, 0.15269987665185575, 0.0004938357851330494, -8.051891003487835, 7.51509826992198)]
    [InlineData(OptionType.PE, 23000.0, 22000.0, 0.0821917808219178, 25.0, 263.02451913362165, -0.255898968912634, 0.000195150718872457, -8.838589921535082, 21.212615811684195)]
    [InlineData(OptionType.PE, 23000.0, 24000.0, 0.5, 18.0, 1758.4043996194996, -0.6067046106217788, 0.0001313734975913439, -3.0845057524884902, 62.546922203238836)]
    [InlineData(OptionType.CE, 48000.0, 45000.0, 1.0, 30.0, 7171.241300165657, 0.642492220351269, 2.591777854600698e-05, -7.362069259315079, 179.14368531000025)]
    [InlineData(OptionType.CE, 23000.0, 25000.0, 0.0027397260273972603, 40.0, 0.0038757348335088926, 3.562987115471972e-05, 3.1068086598696844e-07, -0.036021956845393166, 0.001801097842269658)]
    [InlineData(OptionType.PE, 100.0, 120.0, 0.25, 150.0, 43.056265230594114, -0.44752987865732763, 0.005273156932811236, -0.16252880957294905, 0.19774338498042135)]
    public void PriceAndGreeks_MatchPythonReference(
        OptionType type,
        double forward,
        double strike,
        double years,
        double volatilityPercent,
        double price,
        double delta,
        double gamma,
        double theta,
        double vega)
    {
        var greeks = Black76.Greeks(type, forward, strike, years, volatilityPercent);

        AssertClose(price, Black76.Price(type, forward, strike, years, volatilityPercent), "price");
        AssertClose(delta, greeks.Delta, "delta");
        AssertClose(gamma, greeks.Gamma, "gamma");
        AssertClose(theta, greeks.Theta, "theta");
        AssertClose(vega, greeks.Vega, "vega");
    }

    [Theory]
    [InlineData(23000.0, 22500.0, 3.0 / 365, 18.0)]
    [InlineData(23000.0, 23000.0, 30.0 / 365, 12.0)]
    [InlineData(23000.0, 24500.0, 1.0, 35.0)]
    public void CallMinusPut_EqualsForwardMinusStrike(double forward, double strike, double years, double volatilityPercent)
    {
        var call = Black76.Price(OptionType.CE, forward, strike, years, volatilityPercent);
        var put = Black76.Price(OptionType.PE, forward, strike, years, volatilityPercent);

        Assert.Equal(forward - strike, call - put, 1e-8);
    }

    [Theory]
    [InlineData(OptionType.CE, 23000.0, 23300.0, 5.0 / 365, 16.0)]
    [InlineData(OptionType.PE, 23000.0, 22400.0, 40.0 / 365, 22.0)]
    public void Greeks_MatchFiniteDifferences(OptionType type, double forward, double strike, double years, double volatilityPercent)
    {
        var greeks = Black76.Greeks(type, forward, strike, years, volatilityPercent);
        double Price(double f, double t, double v) => Black76.Price(type, f, strike, t, v);

        const double dF = 0.5;
        var delta = (Price(forward + dF, years, volatilityPercent) - Price(forward - dF, years, volatilityPercent)) / (2 * dF);
        var gamma = (Price(forward + dF, years, volatilityPercent) - (2 * Price(forward, years, volatilityPercent)) + Price(forward - dF, years, volatilityPercent)) / (dF * dF);

        // Vega per vol point: price change for ±0.01 vol point, scaled to one point.
        var vega = (Price(forward, years, volatilityPercent + 0.01) - Price(forward, years, volatilityPercent - 0.01)) / 0.02;

        // Theta per day: price change over ±1 minute of remaining time, scaled to one day and negated.
        const double minute = 1.0 / (365 * 24 * 60);
        var theta = -(Price(forward, years + minute, volatilityPercent) - Price(forward, years - minute, volatilityPercent)) / (2 * minute) / 365;

        Assert.Equal(delta, greeks.Delta, 1e-6);
        Assert.Equal(gamma, greeks.Gamma, 1e-7);
        Assert.Equal(vega, greeks.Vega, 1e-5);
        Assert.Equal(theta, greeks.Theta, 1e-4);
    }

    [Fact]
    public void Price_StaysWithinNoArbitrageBounds()
    {
        const double forward = 23000;
        foreach (var strike in new[] { 18000.0, 22000, 23000, 24000, 30000 })
        {
            foreach (var volatilityPercent in new[] { 1.0, 15, 60, 300 })
            {
                var call = Black76.Price(OptionType.CE, forward, strike, 0.1, volatilityPercent);
                var put = Black76.Price(OptionType.PE, forward, strike, 0.1, volatilityPercent);

                Assert.InRange(call, Math.Max(forward - strike, 0), forward);
                Assert.InRange(put, Math.Max(strike - forward, 0), strike);
            }
        }
    }

    [Theory]
    [InlineData(0.0, 23000.0, 0.1, 20.0)]
    [InlineData(23000.0, -1.0, 0.1, 20.0)]
    [InlineData(23000.0, 23000.0, 0.0, 20.0)]
    [InlineData(23000.0, 23000.0, 0.1, 0.0)]
    [InlineData(double.NaN, 23000.0, 0.1, 20.0)]
    [InlineData(23000.0, 23000.0, double.PositiveInfinity, 20.0)]
    public void Price_RejectsNonPositiveOrNonFiniteInput(double forward, double strike, double years, double volatilityPercent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Black76.Price(OptionType.CE, forward, strike, years, volatilityPercent));
        Assert.Throws<ArgumentOutOfRangeException>(() => Black76.Greeks(OptionType.PE, forward, strike, years, volatilityPercent));
    }

    private static void AssertClose(double expected, double actual, string name)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= RelativeTolerance * Math.Abs(expected),
            $"{name}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E2}).");
    }
}
