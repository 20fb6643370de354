using Tarang.Market.Instruments;

namespace Tarang.Market.Options;

/// <summary>
/// Black-76 prices and Greeks of a European option on the forward, at zero interest rate so
/// there is no discounting. Prices and the forward and strike are in rupees, time is in years
/// (see <see cref="OptionExpiry"/>) and volatility is annualised, in percent (20 means 20 %).
/// </summary>
public static class Black76
{
    /// <summary>Returns the option price in rupees.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is not positive and finite.</exception>
    public static double Price(OptionType type, double forward, double strike, double years, double volatilityPercent)
    {
        Validate(forward, strike, years, volatilityPercent);
        return PriceUnchecked(type, forward, strike, years, volatilityPercent / 100);
    }

    /// <summary>Computes delta, gamma, theta per calendar day and vega per vol point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is not positive and finite.</exception>
    public static OptionGreeks Greeks(OptionType type, double forward, double strike, double years, double volatilityPercent)
    {
        Validate(forward, strike, years, volatilityPercent);

        var volatility = volatilityPercent / 100;
        var sqrtYears = Math.Sqrt(years);
        var stdDev = volatility * sqrtYears;
        var d1 = D1(forward, strike, stdDev);
        var density = NormalDistribution.Density(d1);

        var callDelta = NormalDistribution.Cdf(d1);
        var delta = type == OptionType.CE ? callDelta : callDelta - 1;
        var gamma = density / (forward * stdDev);

        // At zero rate the call and put thetas are equal: only the time value decays.
        var thetaPerYear = -forward * density * volatility / (2 * sqrtYears);
        var vegaPerUnitVolatility = forward * density * sqrtYears;

        return new OptionGreeks(delta, gamma, thetaPerYear / OptionExpiry.DaysPerYear, vegaPerUnitVolatility / 100);
    }

    /// <summary>Prices without input checks; volatility is a fraction (0.2 for 20 %).</summary>
    internal static double PriceUnchecked(OptionType type, double forward, double strike, double years, double volatility)
    {
        var stdDev = volatility * Math.Sqrt(years);
        var d1 = D1(forward, strike, stdDev);
        var d2 = d1 - stdDev;

        return type == OptionType.CE
            ? (forward * NormalDistribution.Cdf(d1)) - (strike * NormalDistribution.Cdf(d2))
            : (strike * NormalDistribution.Cdf(-d2)) - (forward * NormalDistribution.Cdf(-d1));
    }

    /// <summary>Returns ∂price/∂volatility in rupees per unit of volatility (per 100 vol points).</summary>
    internal static double VegaPerUnitVolatility(double forward, double strike, double years, double volatility)
    {
        var sqrtYears = Math.Sqrt(years);
        var d1 = D1(forward, strike, volatility * sqrtYears);
        return forward * NormalDistribution.Density(d1) * sqrtYears;
    }

    private static double D1(double forward, double strike, double stdDev) =>
        (Math.Log(forward / strike) / stdDev) + (0.5 * stdDev);

    private static void Validate(double forward, double strike, double years, double volatilityPercent)
    {
        RequirePositive(forward, nameof(forward));
        RequirePositive(strike, nameof(strike));
        RequirePositive(years, nameof(years));
        RequirePositive(volatilityPercent, nameof(volatilityPercent));
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Black-76 needs a positive, finite {name}.");
        }
    }
}
