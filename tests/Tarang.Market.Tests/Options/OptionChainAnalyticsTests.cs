using Tarang.Market.Instruments;
using Tarang.Market.Options;

namespace Tarang.Market.Tests.Options;

public class OptionChainAnalyticsTests
{
    private static readonly DateOnly ExpiryDate = new(2025, 1, 30);

    // 2025-01-28 15:03 IST, two days and 27 minutes before expiry.
    private static readonly DateTimeOffset Now = new(2025, 1, 28, 9, 33, 0, TimeSpan.Zero);

    private static readonly StrikeQuotes[] Chain =
    [
        new(22900m, new OptionQuote(186.20m), new OptionQuote(105.40m)),
        new(22950m, new OptionQuote(156.35m), new OptionQuote(126.00m)),
        new(23000m, new OptionQuote(129.80m), new OptionQuote(148.95m)),
        new(23300m, new OptionQuote(29.80m), new OptionQuote(0m)),
        new(23350m, new OptionQuote(22.15m, IsStale: true), null),
        new(25000m, null, new OptionQuote(1.00m)),
    ];

    [Fact]
    public void Compute_ReportsExpiryTimeAndForward()
    {
        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, Chain);

        Assert.Equal(OptionExpiry.ExpiryInstant(ExpiryDate), result.ExpiryInstant);
        Assert.Equal(OptionExpiry.YearsToExpiry(ExpiryDate, Now), result.YearsToExpiry);
        Assert.Equal(new ImpliedForward(22980.35m, ForwardSource.PutCallParity, 22950m), result.Forward);
        Assert.Equal(Chain.Select(row => row.Strike), result.Strikes.Select(row => row.Strike));
    }

    [Fact]
    public void Compute_MatchesBlack76OnTheForward()
    {
        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, Chain);
        var years = result.YearsToExpiry;

        var call = result.Strikes[3].Call;

        Assert.NotNull(call);
        Assert.Equal(29.80, Black76.Price(OptionType.CE, 22980.35, 23300, years, call.Value.ImpliedVolatilityPercent), 1e-7);
        Assert.Equal(Black76.Greeks(OptionType.CE, 22980.35, 23300, years, call.Value.ImpliedVolatilityPercent), call.Value.Greeks);
    }

    [Fact]
    public void Compute_MatchesCallAndPutAtParityStrike()
    {
        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, Chain);

        var atTheMoney = result.Strikes[1];

        Assert.NotNull(atTheMoney.Call);
        Assert.NotNull(atTheMoney.Put);
        Assert.Equal(atTheMoney.Call.Value.ImpliedVolatilityPercent, atTheMoney.Put.Value.ImpliedVolatilityPercent, 1e-8);
        Assert.Equal(1, atTheMoney.Call.Value.Greeks.Delta - atTheMoney.Put.Value.Greeks.Delta, 1e-12);
    }

    [Fact]
    public void Compute_GivesNullForUnusableQuote()
    {
        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, Chain);

        Assert.Null(result.Strikes[3].Put);
        Assert.Null(result.Strikes[4].Call);
        Assert.Null(result.Strikes[4].Put);
        Assert.Null(result.Strikes[5].Call);
    }

    [Fact]
    public void Compute_GivesNullWhereNoVolatilityFits()
    {
        // In-the-money options priced below their intrinsic value against the forward (22,980.35):
        // the new 22000 call and the 25000 put at ₹1.
        StrikeQuotes[] chain = [.. Chain, new StrikeQuotes(22000m, new OptionQuote(950m), null)];

        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, chain);

        Assert.Null(result.Strikes[^1].Call);
        Assert.Null(result.Strikes[5].Put);
        Assert.NotNull(result.Strikes[3].Call);
    }

    [Fact]
    public void Compute_GivesNullForNonPositiveStrike()
    {
        StrikeQuotes[] chain = [.. Chain, new StrikeQuotes(0m, new OptionQuote(50m), new OptionQuote(50m))];

        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, chain);

        Assert.Null(result.Strikes[^1].Call);
        Assert.Null(result.Strikes[^1].Put);
    }

    [Fact]
    public void Compute_GivesNullEverywhereOnceExpired()
    {
        var afterExpiry = OptionExpiry.ExpiryInstant(ExpiryDate).AddSeconds(1);

        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, afterExpiry, Chain);

        Assert.True(result.YearsToExpiry < 0);
        Assert.All(result.Strikes, row => Assert.Null(row.Call));
        Assert.All(result.Strikes, row => Assert.Null(row.Put));
    }

    [Fact]
    public void Compute_GivesNullEverywhereWithoutForward()
    {
        StrikeQuotes[] chain = [new(23000m, new OptionQuote(129.80m), null)];

        var result = OptionChainAnalytics.Compute(0m, ExpiryDate, Now, chain);

        Assert.Null(result.Forward);
        Assert.Null(result.Strikes[0].Call);
    }

    [Fact]
    public void Compute_TakesTimeFromCallerClock()
    {
        var oneDayEarlier = Now.AddDays(-1);

        var later = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, Chain);
        var earlier = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, oneDayEarlier, Chain);

        Assert.Equal(1.0 / 365, earlier.YearsToExpiry - later.YearsToExpiry, 1e-15);

        // The same price over more time means a lower volatility.
        Assert.True(earlier.Strikes[3].Call!.Value.ImpliedVolatilityPercent < later.Strikes[3].Call!.Value.ImpliedVolatilityPercent);
    }

    [Fact]
    public void Compute_FallsBackToUnderlyingWithoutParity()
    {
        StrikeQuotes[] chain = [new(23300m, new OptionQuote(29.80m), null)];

        var result = OptionChainAnalytics.Compute(22952.95m, ExpiryDate, Now, chain);

        Assert.Equal(ForwardSource.UnderlyingPrice, result.Forward?.Source);
        Assert.NotNull(result.Strikes[0].Call);
    }
}
