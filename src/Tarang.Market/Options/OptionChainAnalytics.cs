using Tarang.Market.Instruments;

namespace Tarang.Market.Options;

/// <summary>
/// Implied volatility and Greeks of every strike of one expiry's option chain: Black-76 at zero
/// rate on the forward implied by put–call parity (see <see cref="ImpliedForward"/>), with time
/// measured to 15:30 IST on the expiry date in years of 365 days (see <see cref="OptionExpiry"/>).
/// </summary>
/// <param name="ExpiryInstant">The expiry, 15:30 IST on the expiry date.</param>
/// <param name="YearsToExpiry">Years from the caller's "now" to the expiry; zero or negative once expired.</param>
/// <param name="Forward">The forward used, or null when there was none (no parity and no positive underlying price).</param>
/// <param name="Strikes">One entry per input strike, in input order.</param>
public sealed record OptionChainAnalytics(
    DateTimeOffset ExpiryInstant,
    double YearsToExpiry,
    ImpliedForward? Forward,
    IReadOnlyList<StrikeAnalytics> Strikes)
{
    /// <summary>
    /// Computes the chain's analytics. A side gets no IV and no Greeks (null) when its quote is
    /// missing, zero or stale, when the option has expired, when there is no forward, when the
    /// strike is not positive, or when no volatility reproduces its price
    /// (see <see cref="ImpliedVolatility.Solve"/>).
    /// </summary>
    /// <param name="underlyingPrice">The underlying's price (LTP) in rupees, used to find the money and as the last-resort forward.</param>
    /// <param name="expiryDate">The expiry date (IST calendar date).</param>
    /// <param name="now">The current instant from the exchange clock; the wall clock is never read.</param>
    /// <param name="strikes">The chain's strikes with their quotes.</param>
    public static OptionChainAnalytics Compute(
        decimal underlyingPrice,
        DateOnly expiryDate,
        DateTimeOffset now,
        IReadOnlyList<StrikeQuotes> strikes)
    {
        ArgumentNullException.ThrowIfNull(strikes);

        var expiryInstant = OptionExpiry.ExpiryInstant(expiryDate);
        var years = OptionExpiry.YearsToExpiry(expiryDate, now);
        var forward = ImpliedForward.FromChain(underlyingPrice, strikes);

        var results = new StrikeAnalytics[strikes.Count];
        for (var i = 0; i < strikes.Count; i++)
        {
            var row = strikes[i];
            results[i] = new StrikeAnalytics(
                row.Strike,
                Analyze(OptionType.CE, row.Call, row.Strike, forward, years),
                Analyze(OptionType.PE, row.Put, row.Strike, forward, years));
        }

        return new OptionChainAnalytics(expiryInstant, years, forward, results);
    }

    private static OptionAnalytics? Analyze(OptionType type, OptionQuote? quote, decimal strike, ImpliedForward? forward, double years)
    {
        if (quote is not { IsUsable: true } usable || forward is null || strike <= 0 || years <= 0)
        {
            return null;
        }

        var forwardPrice = (double)forward.Value.Price;
        var strikePrice = (double)strike;
        var volatilityPercent = ImpliedVolatility.Solve(type, (double)usable.Price, forwardPrice, strikePrice, years);
        if (volatilityPercent is not { } solved)
        {
            return null;
        }

        var greeks = Black76.Greeks(type, forwardPrice, strikePrice, years, solved);
        return new OptionAnalytics(solved, greeks);
    }
}
