using Tarang.Market.Instruments;

namespace Tarang.Market.Options;

/// <summary>
/// Solves the Black-76 volatility (zero rate) that reproduces an option price. The solver is
/// Newton's method kept inside a bracket that shrinks on every step, falling back to bisection
/// when a Newton step would leave the bracket, so it always ends within
/// <see cref="MaxIterations"/> steps and never throws.
/// </summary>
public static class ImpliedVolatility
{
    /// <summary>The lowest volatility the solver returns, in percent.</summary>
    public const double MinPercent = 1e-4;

    /// <summary>The highest volatility the solver returns, in percent.</summary>
    public const double MaxPercent = 1000;

    /// <summary>The maximum number of Newton or bisection steps.</summary>
    public const int MaxIterations = 100;

    // Volatility as a fraction; 1e-12 is far below the 0.01 vol point that anyone quotes.
    private const double VolatilityTolerance = 1e-12;

    /// <summary>
    /// Returns the annualised implied volatility in percent (20 means 20 %), or
    /// <see langword="null"/> when no volatility in [<see cref="MinPercent"/>,
    /// <see cref="MaxPercent"/>] reproduces the price. That is the case when the price is zero,
    /// negative or not finite, at or below the intrinsic value, at or above the no-arbitrage
    /// bound (the forward for a call, the strike for a put), when the option has expired
    /// (<paramref name="years"/> ≤ 0), and when the forward or strike is not positive and finite.
    /// </summary>
    /// <param name="type">Call or put.</param>
    /// <param name="price">Option price in rupees.</param>
    /// <param name="forward">Forward price of the underlying in rupees.</param>
    /// <param name="strike">Strike in rupees.</param>
    /// <param name="years">Time to expiry in years (see <see cref="OptionExpiry.YearsToExpiry"/>).</param>
    public static double? Solve(OptionType type, double price, double forward, double strike, double years)
    {
        if (!IsPositiveFinite(price) || !IsPositiveFinite(forward) || !IsPositiveFinite(strike) || !IsPositiveFinite(years))
        {
            return null;
        }

        var intrinsic = type == OptionType.CE ? Math.Max(forward - strike, 0) : Math.Max(strike - forward, 0);
        var upperBound = type == OptionType.CE ? forward : strike;
        if (price <= intrinsic || price >= upperBound)
        {
            return null;
        }

        var low = MinPercent / 100;
        var high = MaxPercent / 100;
        if (PriceError(low) >= 0 || PriceError(high) < 0)
        {
            return null;
        }

        var volatility = Math.Clamp(InitialGuess(price - intrinsic, forward, years), low, high);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var error = PriceError(volatility);
            if (error == 0)
            {
                break;
            }

            // The price rises with volatility, so the sign of the error shows which side the root is on.
            if (error > 0)
            {
                high = volatility;
            }
            else
            {
                low = volatility;
            }

            var vega = Black76.VegaPerUnitVolatility(forward, strike, years, volatility);
            var newton = volatility - (error / vega);
            var next = vega > 0 && newton > low && newton < high ? newton : 0.5 * (low + high);

            var step = Math.Abs(next - volatility);
            volatility = next;
            if (step <= VolatilityTolerance || high - low <= VolatilityTolerance)
            {
                break;
            }
        }

        return volatility * 100;

        double PriceError(double candidate) => Black76.PriceUnchecked(type, forward, strike, years, candidate) - price;
    }

    // Brenner and Subrahmanyam's at-the-money estimate σ ≈ √(2π / T) · time value / F.
    private static double InitialGuess(double timeValue, double forward, double years) =>
        Math.Sqrt(2 * Math.PI / years) * timeValue / forward;

    private static bool IsPositiveFinite(double value) => double.IsFinite(value) && value > 0;
}
