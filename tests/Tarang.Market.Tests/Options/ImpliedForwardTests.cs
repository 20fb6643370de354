using Tarang.Market.Options;

namespace Tarang.Market.Tests.Options;

public class ImpliedForwardTests
{
    [Fact]
    public void Forward_UsesParityAtStrikeNearestUnderlying()
    {
        StrikeQuotes[] strikes =
        [
            new(22900m, new OptionQuote(186.20m), new OptionQuote(105.40m)),
            new(22950m, new OptionQuote(156.35m), new OptionQuote(126.00m)),
            new(23000m, new OptionQuote(129.80m), new OptionQuote(148.95m)),
        ];

        var forward = ImpliedForward.FromChain(22952.95m, strikes);

        Assert.Equal(new ImpliedForward(22980.35m, ForwardSource.PutCallParity, 22950m), forward);
    }

    [Fact]
    public void Forward_SkipsUnusableSides()
    {
        StrikeQuotes[] strikes =
        [
            new(23000m, new OptionQuote(129.80m, IsStale: true), new OptionQuote(148.95m)),
            new(22950m, new OptionQuote(0m), new OptionQuote(126.00m)),
            new(23050m, null, new OptionQuote(176.00m)),
            new(22900m, new OptionQuote(186.20m), new OptionQuote(105.40m)),
        ];

        var forward = ImpliedForward.FromChain(22990m, strikes);

        Assert.Equal(new ImpliedForward(22980.80m, ForwardSource.PutCallParity, 22900m), forward);
    }

    [Fact]
    public void Forward_PrefersLowerStrikeOnTie()
    {
        StrikeQuotes[] strikes =
        [
            new(23000m, new OptionQuote(130m), new OptionQuote(140m)),
            new(22950m, new OptionQuote(160m), new OptionQuote(120m)),
        ];

        var forward = ImpliedForward.FromChain(22975m, strikes);

        Assert.Equal(22950m, forward?.Strike);
    }

    [Fact]
    public void Forward_SkipsStrikeGivingNonPositiveForward()
    {
        StrikeQuotes[] strikes =
        [
            new(100m, new OptionQuote(1m), new OptionQuote(150m)),
            new(300m, new OptionQuote(20m), new OptionQuote(100m)),
        ];

        var forward = ImpliedForward.FromChain(120m, strikes);

        Assert.Equal(new ImpliedForward(220m, ForwardSource.PutCallParity, 300m), forward);
    }

    [Fact]
    public void Forward_FallsBackToUnderlyingPrice()
    {
        StrikeQuotes[] strikes =
        [
            new(23000m, new OptionQuote(129.80m), null),
            new(22950m, new OptionQuote(0m), new OptionQuote(0m)),
        ];

        var forward = ImpliedForward.FromChain(22952.95m, strikes);

        Assert.Equal(new ImpliedForward(22952.95m, ForwardSource.UnderlyingPrice, null), forward);
    }

    [Fact]
    public void Forward_IsNullWithoutParityOrUnderlyingPrice()
    {
        Assert.Null(ImpliedForward.FromChain(0m, []));
    }
}
