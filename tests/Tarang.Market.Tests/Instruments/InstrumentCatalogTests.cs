using Tarang.Market.Instruments;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Market.Tests.Instruments;

public class InstrumentCatalogTests
{
    private static readonly DateTimeOffset FebExpiry = Ist.At(new DateOnly(2026, 2, 24), new TimeOnly(14, 30));
    private static readonly DateTimeOffset MarExpiry = Ist.At(new DateOnly(2026, 3, 30), new TimeOnly(14, 30));

    private static Instrument Equity(ExchangeSegment segment, uint id, string symbol, string series, string displayName = "", decimal tickPaise = 5) => new()
    {
        Key = new InstrumentKey(segment, id),
        Kind = InstrumentKind.Equity,
        Symbol = symbol,
        DisplayName = displayName.Length == 0 ? symbol : displayName,
        Series = series,
        LotSize = 1,
        TickSize = TickSize.FromPaise(tickPaise),
    };

    private static Instrument Index(uint id, string symbol, string displayName) => new()
    {
        Key = new InstrumentKey(ExchangeSegment.IdxI, id),
        Kind = InstrumentKind.Index,
        Symbol = symbol,
        DisplayName = displayName,
        LotSize = 1,
        TickSize = TickSize.OnePaisa,
        UnderlyingSymbol = symbol,
    };

    private static Instrument Option(uint id, decimal strike, OptionType side, DateTimeOffset expiry, string underlying = "NIFTY") => new()
    {
        Key = new InstrumentKey(ExchangeSegment.NseFno, id),
        Kind = InstrumentKind.OptionIndex,
        Symbol = $"{underlying}-{expiry:MMMyyyy}-{strike}-{side}",
        DisplayName = $"{underlying} {strike} {side}",
        LotSize = 65,
        TickSize = TickSize.FromPaise(5),
        Expiry = expiry,
        Strike = strike,
        OptionType = side,
        UnderlyingSymbol = underlying,
    };

    private static Instrument Future(uint id, DateTimeOffset expiry, string underlying = "NIFTY") => new()
    {
        Key = new InstrumentKey(ExchangeSegment.NseFno, id),
        Kind = InstrumentKind.FutureIndex,
        Symbol = $"{underlying}-{expiry:MMMyyyy}-FUT",
        DisplayName = $"{underlying} FUT",
        LotSize = 65,
        TickSize = TickSize.FromPaise(10),
        Expiry = expiry,
        UnderlyingSymbol = underlying,
    };

    [Fact]
    public void Catalog_FindsByKey()
    {
        var catalog = InstrumentCatalog.Create([Index(13, "NIFTY", "Nifty 50"), Equity(ExchangeSegment.NseEq, 13, "ABB", "EQ")]);

        Assert.True(catalog.TryGet(new InstrumentKey(ExchangeSegment.IdxI, 13), out var nifty));
        Assert.Equal("NIFTY", nifty.Symbol);
        Assert.True(catalog.TryGet(new InstrumentKey(ExchangeSegment.NseEq, 13), out var abb));
        Assert.Equal("ABB", abb.Symbol);
        Assert.False(catalog.TryGet(new InstrumentKey(ExchangeSegment.BseEq, 13), out _));
    }

    [Fact]
    public void Catalog_FindsAllSeriesOfSymbolIgnoringCase()
    {
        var catalog = InstrumentCatalog.Create(
        [
            Equity(ExchangeSegment.NseEq, 18116, "ELECTCAST", "W1"),
            Equity(ExchangeSegment.NseEq, 928, "ELECTCAST", "EQ"),
            Equity(ExchangeSegment.BseEq, 500128, "ELECTCAST", "A"),
        ]);

        var matches = catalog.FindBySymbol(" electCast ");

        Assert.Equal([928u, 18116u, 500128u], matches.Select(instrument => instrument.Key.SecurityId));
        Assert.Empty(catalog.FindBySymbol("ELECT"));
    }

    [Fact]
    public void Catalog_PrefersSingleEqSeriesEquity()
    {
        var catalog = InstrumentCatalog.Create(
        [
            Equity(ExchangeSegment.NseEq, 928, "ELECTCAST", "EQ"),
            Equity(ExchangeSegment.NseEq, 18116, "ELECTCAST", "W1"),
            Equity(ExchangeSegment.BseEq, 500128, "ELECTCAST", "A"),
        ]);

        Assert.True(catalog.TryGetPreferredEquity("electcast", out var preferred));
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 928), preferred.Key);
    }

    [Fact]
    public void Catalog_RefusesAmbiguousPreferredEquity()
    {
        var catalog = InstrumentCatalog.Create(
        [
            Equity(ExchangeSegment.NseEq, 1, "TWIN", "EQ"),
            Equity(ExchangeSegment.BseEq, 2, "TWIN", "EQ"),
            Equity(ExchangeSegment.NseEq, 3, "WARRANTONLY", "W1"),
        ]);

        Assert.False(catalog.TryGetPreferredEquity("TWIN", out var twin));
        Assert.Null(twin);
        Assert.False(catalog.TryGetPreferredEquity("WARRANTONLY", out _));
        Assert.False(catalog.TryGetPreferredEquity("MISSING", out _));
    }

    [Fact]
    public void Catalog_SearchRanksPrefixBeforeContains()
    {
        var catalog = InstrumentCatalog.Create(
        [
            Equity(ExchangeSegment.NseEq, 1, "TATASTEEL", "EQ", "Tata Steel"),
            Equity(ExchangeSegment.NseEq, 2, "TCS", "EQ", "Tata Consultancy Services"),
            Equity(ExchangeSegment.NseEq, 3, "TATAMOTORS", "EQ", "Tata Motors"),
            Equity(ExchangeSegment.NseEq, 4, "INFY", "EQ", "Infosys"),
        ]);

        var results = catalog.Search("tata");

        Assert.Equal(["TATAMOTORS", "TATASTEEL", "TCS"], results.Select(instrument => instrument.Symbol));
    }

    [Fact]
    public void Catalog_SearchPutsDerivativesAfterEquities()
    {
        var catalog = InstrumentCatalog.Create(
        [
            Option(100, 25000m, OptionType.CE, FebExpiry),
            Index(13, "NIFTY", "Nifty 50"),
            Future(101, FebExpiry),
            Index(38, "NIFTYNXT50", "Nifty Next 50"),
        ]);

        var results = catalog.Search("NIFTY");

        Assert.Equal(["NIFTY", "NIFTYNXT50", "NIFTY-Feb2026-25000-CE", "NIFTY-Feb2026-FUT"], results.Select(instrument => instrument.Symbol));
    }

    [Fact]
    public void Catalog_SearchStopsAtMaxResults()
    {
        var catalog = InstrumentCatalog.Create(Enumerable.Range(1, 500).Select(i => Equity(ExchangeSegment.NseEq, (uint)i, $"SYM{i:D4}", "EQ")));

        Assert.Equal(InstrumentCatalog.DefaultSearchResults, catalog.Search("sym").Count);
        Assert.Equal(3, catalog.Search("SYM", 3).Count);
        Assert.Equal(InstrumentCatalog.MaxSearchResults, catalog.Search("SYM", InstrumentCatalog.MaxSearchResults).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Search("SYM", InstrumentCatalog.MaxSearchResults + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Search("SYM", 0));
    }

    [Fact]
    public void Catalog_SearchReturnsNothingForBlankQuery()
    {
        var catalog = InstrumentCatalog.Create([Equity(ExchangeSegment.NseEq, 1, "INFY", "EQ")]);

        Assert.Empty(catalog.Search("   "));
        Assert.Empty(catalog.Search("ZZZ"));
    }

    [Fact]
    public void Catalog_ListsDerivativesByUnderlyingAndExpiry()
    {
        var catalog = InstrumentCatalog.Create(
        [
            Option(1, 25100m, OptionType.PE, FebExpiry),
            Option(2, 25000m, OptionType.PE, FebExpiry),
            Option(3, 25000m, OptionType.CE, FebExpiry),
            Future(4, FebExpiry),
            Option(5, 25000m, OptionType.CE, MarExpiry),
            Option(6, 59000m, OptionType.CE, FebExpiry, "BANKNIFTY"),
            Index(13, "NIFTY", "Nifty 50"),
        ]);

        var all = catalog.GetDerivatives("nifty");
        Assert.Equal([4u, 3u, 2u, 1u, 5u], all.Select(instrument => instrument.Key.SecurityId));

        var february = catalog.GetDerivatives("NIFTY", new DateOnly(2026, 2, 24));
        Assert.Equal([4u, 3u, 2u, 1u], february.Select(instrument => instrument.Key.SecurityId));

        Assert.Equal([new DateOnly(2026, 2, 24), new DateOnly(2026, 3, 30)], catalog.GetExpiryDates("NIFTY"));
        Assert.Single(catalog.GetDerivatives("BANKNIFTY"));
        Assert.Empty(catalog.GetDerivatives("FINNIFTY"));
    }

    [Fact]
    public void Builder_LaterSourceAddsAndReplacesRows()
    {
        var older = Equity(ExchangeSegment.NseEq, 2649, "PCBL", "EQ", tickPaise: 1) with { Isin = "INE602A01031" };
        var newer = Equity(ExchangeSegment.NseEq, 2649, "PCBL", "EQ", tickPaise: 5);
        var added = Equity(ExchangeSegment.BseEq, 500325, "RELIANCE", "A");
        var builder = new InstrumentCatalogBuilder();

        var catalog = builder.Add([older]).Add([newer, added]).Build();

        Assert.Equal(2, catalog.Count);
        Assert.Equal(1, builder.ReplacedCount);
        Assert.True(catalog.TryGet(newer.Key, out var merged));
        Assert.Equal(0.05m, merged.TickSize.Rupees);
        Assert.Equal("INE602A01031", merged.Isin);
    }

    [Fact]
    public void Builder_DetailedRowReplacesEarlierCompactRow()
    {
        var compact = Future(53316, FebExpiry, "HDFCBANK") with { UnderlyingSymbol = "HDFCBANK", DisplayName = "compact" };
        var detailed = compact with { DisplayName = "detailed", UnderlyingSecurityId = 1333, Isin = "INE040A01034" };

        var catalog = new InstrumentCatalogBuilder().Add([compact]).Add([detailed]).Build();

        Assert.True(catalog.TryGet(compact.Key, out var merged));
        Assert.Equal("detailed", merged.DisplayName);
        Assert.Equal(1333u, merged.UnderlyingSecurityId);
        Assert.Equal("INE040A01034", merged.Isin);
    }

    [Fact]
    public void Builder_KeepsReferenceDataOfEarlierDetailedRow()
    {
        var detailed = Index(13, "NIFTY", "Nifty 50") with { UnderlyingSecurityId = 13 };
        var compact = Index(13, "NIFTY", "Nifty 50 (June)") with { UnderlyingSymbol = null };

        var catalog = new InstrumentCatalogBuilder().Add([detailed]).Add([compact]).Build();

        Assert.True(catalog.TryGet(detailed.Key, out var merged));
        Assert.Equal("Nifty 50 (June)", merged.DisplayName);
        Assert.Equal(13u, merged.UnderlyingSecurityId);
        Assert.Equal("NIFTY", merged.UnderlyingSymbol);
    }

    [Fact]
    public void Builder_ReindexesRenamedSymbol()
    {
        var old = Equity(ExchangeSegment.NseEq, 17818, "LTIM", "EQ");
        var renamed = Equity(ExchangeSegment.NseEq, 17818, "LTM", "EQ");

        var catalog = new InstrumentCatalogBuilder().Add([old]).Add([renamed]).Build();

        Assert.Empty(catalog.FindBySymbol("LTIM"));
        Assert.Single(catalog.FindBySymbol("LTM"));
    }

    [Fact]
    public void Catalog_ListsInstrumentsInKeyOrder()
    {
        var catalog = InstrumentCatalog.Create(
        [
            Equity(ExchangeSegment.BseEq, 1, "B", "A"),
            Equity(ExchangeSegment.NseEq, 20, "C", "EQ"),
            Index(13, "NIFTY", "Nifty 50"),
            Equity(ExchangeSegment.NseEq, 3, "D", "EQ"),
        ]);

        Assert.Equal(
            ["IDX_I:13", "NSE_EQ:3", "NSE_EQ:20", "BSE_EQ:1"],
            catalog.Instruments.Select(instrument => instrument.Key.ToString()));
        Assert.Equal(0, InstrumentCatalog.Empty.Count);
    }
}
