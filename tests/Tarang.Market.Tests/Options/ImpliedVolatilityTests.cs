using Tarang.Market.Instruments;
using Tarang.Market.Options;

namespace Tarang.Market.Tests.Options;

public class ImpliedVolatilityTests
{
    private const double Forward = 23000;

    public static TheoryData<OptionType, double, double, double> RoundTripCases()
    {
        var cases = new TheoryData<OptionType, double, double, double>();
        foreach (var type in new[] { OptionType.CE, OptionType.PE })
        {
            foreach (var strike in new[] { 20000.0, 22000, 22950, 23000, 23050, 24000, 26000 })
            {
                foreach (var years in new[] { 0.5 / 365, 2.0 / 365, 30.0 / 365, 1.0 })
                {
                    foreach (var volatilityPercent in new[] { 5.0, 12.5, 20, 45, 120 })
                    {
                        cases.Add(type, strike, years, volatilityPercent);
                    }
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Solver_RecoversVolatilityFromPrice(OptionType type, double strike, double years, double volatilityPercent)
    {
        var price = Black76.Price(type, Forward, strike, years, volatilityPercent);
        var vega = Black76.Greeks(type, Forward, strike, years, volatilityPercent).Vega;

        // Below ₹0.0001 per vol point the price barely depends on volatility, so no solver can
        // recover it from a double. Such options are far outside any traded range.
        if (vega < 1e-4)
        {
            return;
        }

        var solved = ImpliedVolatility.Solve(type, price, Forward, strike, years);

        Assert.NotNull(solved);
        Assert.Equal(volatilityPercent, solved.Value, 1e-6);
    }

    [Fact]
    public void Solver_RecoversVolatilityAtTheMoney()
    {
        var price = Black76.Price(OptionType.CE, Forward, Forward, 2.0 / 365, 18.25);

        var solved = ImpliedVolatility.Solve(OptionType.CE, price, Forward, Forward, 2.0 / 365);

        Assert.NotNull(solved);
        Assert.Equal(18.25, solved.Value, 1e-9);
    }

    [Fact]
    public void Solver_MatchesCallAndPutAtParity()
    {
        const double strike = 23400;
        const double years = 9.0 / 365;
        var call = 61.35;
        var put = call - (Forward - strike);

        var callVolatility = ImpliedVolatility.Solve(OptionType.CE, call, Forward, strike, years);
        var putVolatility = ImpliedVolatility.Solve(OptionType.PE, put, Forward, strike, years);

        Assert.NotNull(callVolatility);
        Assert.NotNull(putVolatility);
        Assert.Equal(callVolatility.Value, putVolatility.Value, 1e-8);
    }

    [Fact]
    public void Solver_RecoversVeryHighVolatility()
    {
        var price = Black76.Price(OptionType.PE, 100, 120, 0.25, 900);

        var solved = ImpliedVolatility.Solve(OptionType.PE, price, 100, 120, 0.25);

        Assert.NotNull(solved);
        Assert.Equal(900, solved.Value, 1e-6);
    }

    [Theory]
    [InlineData(OptionType.CE, 0.0)]
    [InlineData(OptionType.CE, -5.0)]
    [InlineData(OptionType.CE, double.NaN)]
    [InlineData(OptionType.CE, double.PositiveInfinity)]
    [InlineData(OptionType.PE, 0.0)]
    [InlineData(OptionType.PE, double.NaN)]
    public void Solver_ReturnsNullForZeroOrNonFinitePrice(OptionType type, double price)
    {
        Assert.Null(ImpliedVolatility.Solve(type, price, Forward, 23000, 0.01));
    }

    [Theory]
    [InlineData(OptionType.CE, 22500.0, 499.0)]
    [InlineData(OptionType.CE, 22500.0, 500.0)]
    [InlineData(OptionType.PE, 23500.0, 450.0)]
    [InlineData(OptionType.PE, 23500.0, 500.0)]
    public void Solver_ReturnsNullAtOrBelowIntrinsic(OptionType type, double strike, double price)
    {
        Assert.Null(ImpliedVolatility.Solve(type, price, Forward, strike, 0.01));
    }

    [Theory]
    [InlineData(OptionType.CE, 23500.0, 23000.0)]
    [InlineData(OptionType.CE, 23500.0, 23100.0)]
    [InlineData(OptionType.PE, 22500.0, 22500.0)]
    [InlineData(OptionType.PE, 22500.0, 22600.0)]
    public void Solver_ReturnsNullAtOrAboveUpperBound(OptionType type, double strike, double price)
    {
        Assert.Null(ImpliedVolatility.Solve(type, price, Forward, strike, 0.01));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Solver_ReturnsNullWhenExpired(double years)
    {
        Assert.Null(ImpliedVolatility.Solve(OptionType.CE, 100, Forward, 23000, years));
    }

    [Theory]
    [InlineData(0.0, 23000.0)]
    [InlineData(-23000.0, 23000.0)]
    [InlineData(double.NaN, 23000.0)]
    [InlineData(23000.0, 0.0)]
    [InlineData(23000.0, double.PositiveInfinity)]
    public void Solver_ReturnsNullForInvalidForwardOrStrike(double forward, double strike)
    {
        Assert.Null(ImpliedVolatility.Solve(OptionType.PE, 100, forward, strike, 0.01));
    }

    [Fact]
    public void Solver_ReturnsNullAboveMaximum()
    {
        // Just below the forward: only a volatility far above 1000 % gives this call price.
        var price = Black76.Price(OptionType.CE, Forward, 23000, 0.01, 5000);

        Assert.Null(ImpliedVolatility.Solve(OptionType.CE, price, Forward, 23000, 0.01));
    }

    [Fact]
    public void Solver_ReturnsNullBelowMinimum()
    {
        // A time value this small at the money needs far less than 0.0001 % volatility.
        Assert.Null(ImpliedVolatility.Solve(OptionType.CE, 1e-9, Forward, 23000, 0.01));
    }
}
