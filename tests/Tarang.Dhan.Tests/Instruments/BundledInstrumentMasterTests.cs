using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Market.Time;

namespace Tarang.Dhan.Tests.Instruments;

public sealed class BundledMasterFixture
{
    public BundledInstrumentMaster Master { get; } = BundledInstrumentMaster.Load();
}

public class BundledInstrumentMasterTests(BundledMasterFixture fixture) : IClassFixture<BundledMasterFixture>
{
    private readonly BundledInstrumentMaster master = fixture.Master;

    private Instrument Get(ExchangeSegment segment, uint securityId)
    {
        Assert.True(master.Catalog.TryGet(new InstrumentKey(segment, securityId), out var instrument), $"{segment}:{securityId} is missing");
        return instrument;
    }

    [Theory]
    [InlineData("NIFTY", 13u, "Nifty 50")]
    [InlineData("BANKNIFTY", 25u, "Nifty Bank")]
    [InlineData("SENSEX", 51u, "Sensex")]
    public void Bundled_ResolvesIndexSymbol(string symbol, uint securityId, string displayName)
    {
        var index = Assert.Single(master.Catalog.FindBySymbol(symbol), instrument => instrument.Kind == InstrumentKind.Index);

        Assert.Equal(new InstrumentKey(ExchangeSegment.IdxI, securityId), index.Key);
        Assert.Equal(displayName, index.DisplayName);
        Assert.Equal(0.01m, index.TickSize.Rupees);
    }

    [Theory]
    [InlineData("RELIANCE", 2885u, "0.10", "INE002A01018")]
    [InlineData("HDFCBANK", 1333u, "0.05", "INE040A01034")]
    [InlineData("INFY", 1594u, "0.10", "INE009A01021")]
    public void Bundled_ResolvesEquity(string symbol, uint securityId, string tickRupees, string isin)
    {
        Assert.True(master.Catalog.TryGetPreferredEquity(symbol, out var equity));

        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, securityId), equity.Key);
        Assert.Equal(decimal.Parse(tickRupees, System.Globalization.CultureInfo.InvariantCulture), equity.TickSize.Rupees);
        Assert.Equal("EQ", equity.Series);
        Assert.Equal(1, equity.LotSize);
        Assert.Equal(isin, equity.Isin);
    }

    [Fact]
    public void Bundled_KeepsNseAndBseListings()
    {
        var reliance = master.Catalog.FindBySymbol("RELIANCE");

        Assert.Equal(
            [new InstrumentKey(ExchangeSegment.NseEq, 2885), new InstrumentKey(ExchangeSegment.BseEq, 500325)],
            reliance.Select(instrument => instrument.Key));
    }

    [Fact]
    public void Bundled_TakesNewerTickAndOlderIsin()
    {
        // PCBL's tick is 1 paisa in the April detailed slice and 5 paise in the June compact slice.
        var pcbl = Get(ExchangeSegment.NseEq, 2649);

        Assert.Equal(0.05m, pcbl.TickSize.Rupees);
        Assert.Equal("INE602A01031", pcbl.Isin);
    }

    [Fact]
    public void Bundled_ReadsRecordedNiftyOption()
    {
        var call = Assert.Single(master.Catalog.FindBySymbol("NIFTY-Feb2026-25100-CE"));

        Assert.Equal(ExchangeSegment.NseFno, call.Key.Segment);
        Assert.True(BundledInstrumentMaster.IsInventedSecurityId(call.Key.SecurityId));
        Assert.Equal(InstrumentKind.OptionIndex, call.Kind);
        Assert.Equal("NIFTY 24 FEB 25100 CALL", call.DisplayName);
        Assert.Equal(65, call.LotSize);
        Assert.Equal(25100m, call.Strike);
        Assert.Equal(OptionType.CE, call.OptionType);
        Assert.Equal(0.05m, call.TickSize.Rupees);
        Assert.Equal(Ist.At(new DateOnly(2026, 2, 24), new TimeOnly(14, 30)), call.Expiry);
        Assert.Equal("NIFTY", call.UnderlyingSymbol);
        Assert.Equal(13u, call.UnderlyingSecurityId);
        Assert.Equal("NIFTY26FEB25100CE", master.KiteTradingSymbols[call.Key]);

        var put = Assert.Single(master.Catalog.FindBySymbol("NIFTY-Feb2026-26100-PE"));
        Assert.Equal(26100m, put.Strike);
        Assert.Equal(OptionType.PE, put.OptionType);
    }

    [Fact]
    public void Bundled_ReadsRecordedBankNiftyOption()
    {
        var put = Assert.Single(master.Catalog.FindBySymbol("BANKNIFTY-Feb2026-59000-PE"));

        Assert.Equal(30, put.LotSize);
        Assert.Equal(59000m, put.Strike);
        Assert.Equal(OptionType.PE, put.OptionType);
        Assert.Equal(25u, put.UnderlyingSecurityId);
        Assert.Equal("BANKNIFTY26FEB59000PE", master.KiteTradingSymbols[put.Key]);
    }

    [Fact]
    public void Bundled_ReadsRecordedNiftyFuture()
    {
        var future = Assert.Single(master.Catalog.FindBySymbol("NIFTY-Dec2025-FUT"));

        Assert.Equal(InstrumentKind.FutureIndex, future.Kind);
        Assert.Equal(75, future.LotSize);
        Assert.Equal(0.10m, future.TickSize.Rupees);
        Assert.Equal(Ist.At(new DateOnly(2025, 12, 30), new TimeOnly(14, 30)), future.Expiry);
        Assert.Null(future.Strike);
        Assert.Null(future.OptionType);
        Assert.Equal("NIFTY25DECFUT", master.KiteTradingSymbols[future.Key]);
    }

    [Fact]
    public void Bundled_ListsRecordedOptionChains()
    {
        var niftyFeb = master.Catalog.GetDerivatives("NIFTY", new DateOnly(2026, 2, 24));
        var bankNiftyFeb = master.Catalog.GetDerivatives("BANKNIFTY", new DateOnly(2026, 2, 24));

        Assert.Equal(42, niftyFeb.Count);
        Assert.Equal(21, niftyFeb.Count(option => option.OptionType == OptionType.CE));
        Assert.Equal(25100m, niftyFeb[0].Strike);
        Assert.Equal(26100m, niftyFeb[^1].Strike);
        Assert.Equal(42, bankNiftyFeb.Count);
        Assert.Equal([new DateOnly(2025, 12, 30), new DateOnly(2026, 2, 24)], master.Catalog.GetExpiryDates("NIFTY"));
    }

    [Fact]
    public void Bundled_GivesEveryRecordedContractAKiteSymbol()
    {
        var recorded = master.Files.Single(file => file.Name == "recorded_derivatives.csv.gz").Result.Instruments;

        Assert.Equal(85, recorded.Count);
        Assert.Equal(85, master.KiteTradingSymbols.Count);
        Assert.All(recorded, instrument => Assert.True(master.KiteTradingSymbols.ContainsKey(instrument.Key)));
        Assert.All(recorded, instrument => Assert.True(BundledInstrumentMaster.IsInventedSecurityId(instrument.Key.SecurityId)));
        Assert.Equal(85, master.KiteTradingSymbols.Values.Distinct().Count());
    }

    [Fact]
    public void Bundled_ReportsParseStatistics()
    {
        Assert.Equal(BundledInstrumentMaster.FileNames, master.Files.Select(file => file.Name));

        var detailed = master.Files[0].Result;
        Assert.Equal(InstrumentMasterLayout.Detailed, detailed.Layout);
        Assert.Equal(9_469, detailed.RowCount);
        Assert.Equal(9_469, detailed.Instruments.Count);

        var compact = master.Files[1].Result;
        Assert.Equal(InstrumentMasterLayout.Compact, compact.Layout);
        Assert.Equal(23_116, compact.RowCount);
        Assert.Equal(23_116, compact.Instruments.Count);

        var recorded = master.Files[2].Result;
        Assert.Equal(InstrumentMasterLayout.Detailed, recorded.Layout);
        Assert.Equal(85, recorded.RowCount);

        Assert.All(master.Files, file => Assert.Equal(0, file.Result.SkippedRowCount));
        Assert.All(master.Files, file => Assert.Empty(file.Result.Collisions));

        // 8,868 NSE keys are in both slices; 601 are only in the April detailed slice.
        Assert.Equal(23_116 + 601 + 85, master.Catalog.Count);
    }

    [Fact]
    public void Bundled_SearchFindsSymbolPrefixFirst()
    {
        var results = master.Catalog.Search("reliance", 5);

        Assert.Equal(5, results.Count);
        Assert.Equal("RELIANCE", results[0].Symbol);
        Assert.Equal("RELIANCE", results[1].Symbol);
    }
}
