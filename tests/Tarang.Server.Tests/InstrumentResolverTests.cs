using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Server.LiveData;

namespace Tarang.Server.Tests;

/// <summary>Instrument references in market requests resolve through the bundled master.</summary>
public class InstrumentResolverTests
{
    private static readonly Lazy<InstrumentCatalog> Catalog = new(() => BundledInstrumentMaster.Load().Catalog);

    [Theory]
    [InlineData("NIFTY_50", "IDX_I:13")]
    [InlineData("nifty_50", "IDX_I:13")]
    [InlineData("BANK_NIFTY", "IDX_I:25")]
    [InlineData("FINNIFTY", "IDX_I:27")]
    [InlineData("SENSEX", "IDX_I:51")]
    [InlineData("NIFTY", "IDX_I:13")]
    [InlineData("Nifty 50", "IDX_I:13")]
    [InlineData("NSE_EQ:2885", "NSE_EQ:2885")]
    [InlineData(" nse_eq:2885 ", "NSE_EQ:2885")]
    [InlineData("RELIANCE", "NSE_EQ:2885")]
    [InlineData("BSE_EQ:500325", "BSE_EQ:500325")]
    [InlineData("MGSL", "NSE_EQ:759945")]
    public void Resolve_FindsTheInstrument(string text, string expectedKey)
    {
        var resolution = InstrumentResolver.Resolve(Catalog.Value, text);

        Assert.True(resolution.IsResolved, $"'{text}' did not resolve");
        Assert.Equal(expectedKey, resolution.Instrument!.Key.ToString());
    }

    [Fact]
    public void Resolve_ListsCandidatesOfAmbiguousSymbol()
    {
        // SHEMAROO has two NSE_EQ listings, in the EQ and BE series, so a bare symbol cannot choose.
        var resolution = InstrumentResolver.Resolve(Catalog.Value, "SHEMAROO");

        Assert.False(resolution.IsResolved);
        Assert.True(resolution.IsAmbiguous);
        Assert.Equal(["NSE_EQ:5068", "NSE_EQ:5072"], resolution.Candidates.Select(c => c.Key.ToString()).Order());
    }

    [Theory]
    [InlineData("XX:1", "exchange segment 'XX'")]
    [InlineData("NSE_EQ:abc", "security id 'abc'")]
    [InlineData("NSE_EQ:-5", "security id '-5'")]
    [InlineData("NSE_EQ:", "security id ''")]
    public void Resolve_ExplainsInvalidKey(string text, string named)
    {
        var resolution = InstrumentResolver.Resolve(Catalog.Value, text);

        Assert.False(resolution.IsResolved);
        Assert.Contains(named, resolution.Invalid, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOSUCHSYMBOL")]
    [InlineData("NSE_EQ:999999999")]
    public void Resolve_ReportsUnknownReference(string text)
    {
        var resolution = InstrumentResolver.Resolve(Catalog.Value, text);

        Assert.False(resolution.IsResolved);
        Assert.False(resolution.IsAmbiguous);
        Assert.Null(resolution.Invalid);
    }
}
