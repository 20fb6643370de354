namespace Tarang.Market.Options;

/// <summary>The standard normal density and cumulative distribution.</summary>
internal static class NormalDistribution
{
    private const double InverseSqrtTwoPi = 0.398942280401432677940;

    // Past |x| = 37 the tail is below 1e-300, so it rounds to 0 or 1 in a double.
    private const double TailCutoff = 37;

    // Where Hart's rational approximation hands over to the continued fraction (10/√2).
    private const double RationalLimit = 7.07106781186547;

    /// <summary>Returns the standard normal density φ(x).</summary>
    public static double Density(double x) => InverseSqrtTwoPi * Math.Exp(-0.5 * x * x);

    /// <summary>
    /// Returns the standard normal cumulative distribution N(x), by Hart's double-precision
    /// algorithm as given in G. West, "Better approximations to cumulative normal functions"
    /// (Wilmott Magazine, 2005). The absolute error is about 2e-16 and the relative error in the
    /// lower tail is below 1e-8 (checked against Python's <c>math.erfc</c>).
    /// </summary>
    public static double Cdf(double x)
    {
        var absX = Math.Abs(x);
        double tail;

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (absX > TailCutoff)
        {
            tail = 0;
        }
        else if (absX < RationalLimit)
        {
            var exp = Math.Exp(-0.5 * absX * absX);

            var numerator = (3.52624965998911E-02 * absX) + 0.700383064443688;
            numerator = (numerator * absX) + 6.37396220353165;
            numerator = (numerator * absX) + 33.912866078383;
            numerator = (numerator * absX) + 112.079291497871;
            numerator = (numerator * absX) + 221.213596169931;
            numerator = (numerator * absX) + 220.206867912376;

            var denominator = (8.83883476483184E-02 * absX) + 1.75566716318264;
            denominator = (denominator * absX) + 16.064177579207;
            denominator = (denominator * absX) + 86.7807322029461;
            denominator = (denominator * absX) + 296.564248779674;
            denominator = (denominator * absX) + 637.333633378831;
            denominator = (denominator * absX) + 793.826512519948;
            denominator = (denominator * absX) + 440.413735824752;

            tail = exp * numerator / denominator;
        }
        else
        {
            var exp = Math.Exp(-0.5 * absX * absX);

            var fraction = absX + 0.65;
            fraction = absX + (4 / fraction);
            fraction = absX + (3 / fraction);
            fraction = absX + (2 / fraction);
            fraction = absX + (1 / fraction);

            tail = exp / fraction / 2.506628274631;
        }

        return x > 0 ? 1 - tail : tail;
    }
}
