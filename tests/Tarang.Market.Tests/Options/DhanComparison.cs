using Tarang.Market.Instruments;
using Tarang.Market.Options;

namespace Tarang.Market.Tests.Options;

/// <summary>Our analytics next to Dhan's for one option of a capture.</summary>
internal sealed record ComparedOption(decimal Strike, OptionType Type, OptionAnalytics Ours, DhanCapturedOption Dhan)
{
    public double ImpliedVolatilityError => Math.Abs(Ours.ImpliedVolatilityPercent - Dhan.ImpliedVolatilityPercent);

    public double DeltaError => Math.Abs(Ours.Greeks.Delta - Dhan.Delta);

    public double GammaError => Math.Abs(Ours.Greeks.Gamma - Dhan.Gamma);

    public double ThetaError => Math.Abs(Ours.Greeks.Theta - Dhan.Theta);

    public double VegaError => Math.Abs(Ours.Greeks.Vega - Dhan.Vega);
}

/// <summary>
/// Compares our analytics with Dhan's on the out-of-the-money side within ±5 % of the
/// underlying: calls above it, puts below it. Zero and stale quotes give no IV on our side and
/// drop out; so do options for which Dhan reports no IV (0).
/// </summary>
internal sealed record DhanComparison(
    DhanOptionChainCapture Capture,
    OptionChainAnalytics Analytics,
    IReadOnlyList<ComparedOption> Compared,
    IReadOnlyList<(decimal Strike, OptionType Type)> UsableWithoutVolatility)
{
    public const decimal WindowFraction = 0.05m;

    /// <summary>Runs the comparison on LTPs at the capture instant, the configuration the targets apply to.</summary>
    public static DhanComparison Run(DhanOptionChainCapture capture) => Run(capture, capture.CapturedAt, CapturedPrice.LastPrice);

    /// <summary>Runs the comparison with another "now" or price, to diagnose residuals.</summary>
    public static DhanComparison Run(DhanOptionChainCapture capture, DateTimeOffset now, CapturedPrice price)
    {
        var quotes = capture.ToStrikeQuotes(price);
        var analytics = OptionChainAnalytics.Compute(capture.UnderlyingPrice, capture.ExpiryDate, now, quotes);
        var compared = new List<ComparedOption>();
        var usableWithoutVolatility = new List<(decimal, OptionType)>();

        var spot = capture.UnderlyingPrice;
        for (var i = 0; i < capture.Strikes.Count; i++)
        {
            var dhan = capture.Strikes[i];
            var ours = analytics.Strikes[i];
            if (Math.Abs(dhan.Strike - spot) > WindowFraction * spot)
            {
                continue;
            }

            var (type, dhanSide, ourSide) = dhan.Strike > spot
                ? (OptionType.CE, dhan.Call, ours.Call)
                : (OptionType.PE, dhan.Put, ours.Put);

            var quote = type == OptionType.CE ? quotes[i].Call : quotes[i].Put;
            if (dhanSide is null || quote is not { IsUsable: true })
            {
                continue;
            }

            if (ourSide is not { } analyticsSide)
            {
                usableWithoutVolatility.Add((dhan.Strike, type));
                continue;
            }

            if (dhanSide.ImpliedVolatilityPercent > 0)
            {
                compared.Add(new ComparedOption(dhan.Strike, type, analyticsSide, dhanSide));
            }
        }

        return new DhanComparison(capture, analytics, compared, usableWithoutVolatility);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }

    public double MedianImpliedVolatilityError => Median(Compared.Select(option => option.ImpliedVolatilityError));

    public double MedianDeltaError => Median(Compared.Select(option => option.DeltaError));
}
