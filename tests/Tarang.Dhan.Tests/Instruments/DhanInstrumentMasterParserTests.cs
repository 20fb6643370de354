using System.Globalization;
using System.Text;
using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Market.Time;

namespace Tarang.Dhan.Tests.Instruments;

public class DhanInstrumentMasterParserTests
{
    // Minimal input of the master-oddities field failure: sentinels, times in dates, fractional
    // strikes, blank equity fields and a broken row.
    private static readonly string[] OdditiesRows =
    [
        MasterText.CompactHeader,
        "NSE,D,58072,FUTIDX,0,NIFTY-Aug2026-FUT,65.0,NIFTY AUG FUT,2026-08-25 14:30:00,-0.01,XX,10.0,M,FUT,,NIFTY",
        "MCX,M,449735,FUTCOM,0,CRUDEOIL-19Aug2026-FUT,1.0,CRUDEOIL AUG FUT,2026-08-19 23:30:00,-0.01,XX,1.0,M,FUTCOM,,CRUDEOIL",
        "NSE,C,20512,OPTCUR,0,USDINR-Aug2026-104.75-CE,1.0,USDINR 26 AUG 104.75 CALL,2026-08-26 12:00:00,104.75000,CE,0.2500,M,OP,,USDINR",
        "NSE,E,1594,EQUITY,,INFY,1.0,Infosys,,,,5.0000,,ES,EQ,INFOSYS LIMITED",
        "NSE,E,99001,EQUITY,,BROKEN,x,Broken Lot,,,,abc,NA,ES,EQ,BROKEN LTD",
        "NSE,E,99002,EQUITY,,BROKENTICK,1,Broken Tick,,,,abc,NA,ES,EQ,BROKEN TICK LTD",
    ];

    [Fact]
    public void Parser_ReadsOdditiesWithExactValues()
    {
        var result = MasterText.Parse(OdditiesRows);

        AssertOddities(result);
    }

    [Fact]
    public void Parser_ReadsOdditiesUnderCommaDecimalCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);

            var result = MasterText.Parse(OdditiesRows);

            AssertOddities(result);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static void AssertOddities(InstrumentMasterParseResult result)
    {
        Assert.Equal(InstrumentMasterLayout.Compact, result.Layout);
        Assert.Equal(6, result.RowCount);
        Assert.Equal(4, result.Instruments.Count);

        var future = result.Instruments[0];
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseFno, 58072), future.Key);
        Assert.Equal(InstrumentKind.FutureIndex, future.Kind);
        Assert.Equal("NIFTY-Aug2026-FUT", future.Symbol);
        Assert.Equal(65, future.LotSize);
        Assert.Equal(0.10m, future.TickSize.Rupees);
        Assert.Equal(Ist.At(new DateOnly(2026, 8, 25), new TimeOnly(14, 30)), future.Expiry);
        Assert.Equal(Ist.Offset, future.Expiry!.Value.Offset);
        Assert.Null(future.Strike);
        Assert.Null(future.OptionType);
        Assert.Equal("NIFTY", future.UnderlyingSymbol);
        Assert.Equal("M", future.ExpiryFlag);

        var crude = result.Instruments[1];
        Assert.Equal(new InstrumentKey(ExchangeSegment.McxComm, 449735), crude.Key);
        Assert.Equal(InstrumentKind.FutureCommodity, crude.Kind);
        Assert.Equal(1, crude.LotSize);
        Assert.Equal(0.01m, crude.TickSize.Rupees);
        Assert.Equal(Ist.At(new DateOnly(2026, 8, 19), new TimeOnly(23, 30)), crude.Expiry);
        Assert.Null(crude.Strike);
        Assert.Null(crude.OptionType);
        Assert.Equal("CRUDEOIL", crude.UnderlyingSymbol);

        var currencyOption = result.Instruments[2];
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseCurrency, 20512), currencyOption.Key);
        Assert.Equal(104.75m, currencyOption.Strike);
        Assert.Equal("104.75", currencyOption.Strike!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(OptionType.CE, currencyOption.OptionType);
        Assert.Equal(0.0025m, currencyOption.TickSize.Rupees);
        Assert.Equal("USDINR", currencyOption.UnderlyingSymbol);

        var equity = result.Instruments[3];
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 1594), equity.Key);
        Assert.Equal(InstrumentKind.Equity, equity.Kind);
        Assert.Equal("INFY", equity.Symbol);
        Assert.Equal("Infosys", equity.DisplayName);
        Assert.Equal("EQ", equity.Series);
        Assert.Equal(1, equity.LotSize);
        Assert.Equal(0.05m, equity.TickSize.Rupees);
        Assert.Null(equity.Expiry);
        Assert.Null(equity.ExpiryFlag);
        Assert.Null(equity.Strike);
        Assert.Null(equity.OptionType);
        Assert.Null(equity.UnderlyingSymbol);

        Assert.Equal(2, result.SkippedRowCount);
        Assert.Equal(1, result.SkippedFor(InstrumentSkipReason.InvalidLotSize));
        Assert.Equal(1, result.SkippedFor(InstrumentSkipReason.InvalidTickSize));
        Assert.Equal(new SkippedInstrumentRow(6, InstrumentSkipReason.InvalidLotSize, "x"), result.SkippedRowSamples[0]);
        Assert.Equal(new SkippedInstrumentRow(7, InstrumentSkipReason.InvalidTickSize, "abc"), result.SkippedRowSamples[1]);
        Assert.Empty(result.Collisions);
    }

    [Fact]
    public void Parser_DividesEquityTickByHundred()
    {
        var result = MasterText.Parse(MasterText.CompactHeader, "NSE,E,1594,EQUITY,,INFY,1.0,Infosys,,,,5.0000,,ES,EQ,INFOSYS LIMITED");

        Assert.Equal(0.05m, Assert.Single(result.Instruments).TickSize.Rupees);
    }

    [Fact]
    public void Parser_KeysBySegmentAndSkipsNseCommodity()
    {
        var result = MasterText.Parse(
            MasterText.CompactHeader,
            "NSE,E,928,EQUITY,,ELECTCAST,1,Electrosteel Castings,,,,1,NA,ES,EQ,ELECTROSTEEL CASTINGS LTD",
            "NSE,E,18116,EQUITY,,ELECTCAST,33340,Electrosteel Castings - Warrant,,,,5,NA,CB,W1,ELECTCAST WARRANTS",
            "NSE,D,40001,OPTSTK,0,RELIANCE-Aug2026-1500-CE,500.0,RELIANCE 25 AUG 1500 CALL,2026-08-25 14:30:00,1500.00000,CE,5.0000,M,OP,,RELIANCE",
            "NSE,M,40001,FUTCOM,0,GOLDM-Aug2026-FUT,1.0,GOLDM AUG FUT,2026-08-05 23:30:00,-0.01,XX,100.0,M,FUTCOM,,GOLDM");

        Assert.Equal(3, result.Instruments.Count);
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 928), result.Instruments[0].Key);
        Assert.Equal("EQ", result.Instruments[0].Series);
        Assert.Equal(1, result.Instruments[0].LotSize);
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 18116), result.Instruments[1].Key);
        Assert.Equal("W1", result.Instruments[1].Series);
        Assert.Equal(33340, result.Instruments[1].LotSize);
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseFno, 40001), result.Instruments[2].Key);
        Assert.Equal("RELIANCE", result.Instruments[2].UnderlyingSymbol);
        Assert.Equal(1, result.SkippedFor(InstrumentSkipReason.UnknownSegment));
        Assert.Equal("NSE,M", Assert.Single(result.SkippedRowSamples).Value);
        Assert.Empty(result.Collisions);

        var catalog = InstrumentCatalog.Create(result.Instruments);
        var electcast = catalog.FindBySymbol("electcast");
        Assert.Equal(2, electcast.Count);
        Assert.Equal(["EQ", "W1"], electcast.Select(instrument => instrument.Series));
        Assert.True(catalog.TryGetPreferredEquity("ELECTCAST", out var preferred));
        Assert.Equal(928u, preferred.Key.SecurityId);
    }

    [Fact]
    public void Parser_ReportsCollisionAndKeepsFirstRow()
    {
        var result = MasterText.Parse(
            MasterText.CompactHeader,
            "NSE,E,2885,EQUITY,,RELIANCE,1,Reliance Industries,,,,10,NA,ES,EQ,RELIANCE INDUSTRIES LTD",
            "BSE,E,2885,EQUITY,,OTHER,1,Other on BSE,,,,1,NA,ES,A,OTHER LTD",
            "NSE,E,2885,EQUITY,,RELIANCE2,1,Reliance Duplicate,,,,5,NA,ES,EQ,RELIANCE DUP");

        Assert.Equal(2, result.Instruments.Count);
        Assert.Equal("RELIANCE", result.Instruments[0].Symbol);
        Assert.Equal(new InstrumentKey(ExchangeSegment.BseEq, 2885), result.Instruments[1].Key);

        var collision = Assert.Single(result.Collisions);
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 2885), collision.Key);
        Assert.Equal(2, collision.KeptLineNumber);
        Assert.Equal("RELIANCE", collision.Kept.Symbol);
        Assert.Equal(4, collision.RejectedLineNumber);
        Assert.Equal("RELIANCE2", collision.Rejected.Symbol);
        Assert.Equal(result.RowCount, result.Instruments.Count + result.SkippedRowCount + result.Collisions.Count);
    }

    [Fact]
    public void Parser_Reads2024CompactIndexAndOptionRows()
    {
        // Rows of the 2024 compact vintage as quoted in public code.
        var result = MasterText.Parse(
            MasterText.CompactHeader,
            "NSE,I,25,INDEX,0,BANKNIFTY,1.0,Nifty Bank,,7.00000,,1.0000,NA,INDEX,X,BANKNIFTY",
            "NSE,I,13,INDEX,0,NIFTY,1.0,Nifty 50,,7.00000,,1.0000,NA,INDEX,X,NIFTY",
            "NSE,D,44430,OPTIDX,0,NIFTY-Oct2024-25800-CE,25.0,NIFTY 24 OCT 25800 CALL,2024-10-24 14:30:00,25800.00000,CE,5.0000,W,OP,,",
            "NSE,D,58549,OPTIDX,0,NIFTY-Oct2024-25800-PE,25.0,NIFTY 03 OCT 25800 PUT,2024-10-03 14:30:00,25800.00000,PE,5.0000,W,OP,,");

        Assert.Equal(4, result.Instruments.Count);
        Assert.Equal(0, result.SkippedRowCount);

        var nifty = result.Instruments[1];
        Assert.Equal(new InstrumentKey(ExchangeSegment.IdxI, 13), nifty.Key);
        Assert.Equal(InstrumentKind.Index, nifty.Kind);
        Assert.Equal("NIFTY", nifty.Symbol);
        Assert.Equal("Nifty 50", nifty.DisplayName);
        Assert.Equal(0.01m, nifty.TickSize.Rupees);
        Assert.Equal(1, nifty.LotSize);
        Assert.Null(nifty.Strike);
        Assert.Null(nifty.OptionType);
        Assert.Null(nifty.Expiry);
        Assert.Null(nifty.ExpiryFlag);
        Assert.Equal("NIFTY", nifty.UnderlyingSymbol);

        var call = result.Instruments[2];
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseFno, 44430), call.Key);
        Assert.Equal(InstrumentKind.OptionIndex, call.Kind);
        Assert.Equal(25, call.LotSize);
        Assert.Equal(25800m, call.Strike);
        Assert.Equal("25800", call.Strike!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(OptionType.CE, call.OptionType);
        Assert.Equal(0.05m, call.TickSize.Rupees);
        Assert.Equal(Ist.At(new DateOnly(2024, 10, 24), new TimeOnly(14, 30)), call.Expiry);
        Assert.Equal("W", call.ExpiryFlag);
        Assert.Equal("NIFTY", call.UnderlyingSymbol);
        Assert.Equal(OptionType.PE, result.Instruments[3].OptionType);
    }

    [Fact]
    public void Parser_Reads2026IndexRowWithSentinels()
    {
        var result = MasterText.Parse(
            MasterText.CompactHeader,
            "NSE,I,13,INDEX,0,NIFTY,1,Nifty 50,0001-01-01,,XX,0.05,,INDEX,X,NIFTY",
            "NSE,I,5024,INDEX,0,GIFTNIFTY,1,Gift Nifty,0001-01-01,,XX,0,,INDEX,X,GIFTNIFTY");

        Assert.Equal(2, result.Instruments.Count);
        Assert.All(result.Instruments, index => Assert.Equal(0.01m, index.TickSize.Rupees));
        Assert.All(result.Instruments, index => Assert.Null(index.Expiry));
        Assert.All(result.Instruments, index => Assert.Null(index.OptionType));
    }

    [Fact]
    public void Parser_Reads2025DetailedFutureWithShortDate()
    {
        var result = MasterText.Parse(
            MasterText.Detailed2025Header,
            "NSE,D,36687,NA,FUTSTK,14747,011NSETEST,011NSETEST-Nov2036-FUT,011NSETEST 27 NOV FUT,FUT,NA,50,27/11/36,-0.01,XX,5,W,N,N,N,NA,A,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
            "NSE,D,53316,NA,FUTSTK,1333,HDFCBANK,HDFCBANK-Jul2025-FUT,HDFCBANK JUL FUT,FUT,NA,550,31/07/25,-0.01,XX,10,M,N,N,N,NA,A,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
            "NSE,D,53044,NA,FUTSTK,16669,BAJAJ-AUTO,BAJAJ-AUTO-Sep2025-FUT,BAJAJ-AUTO SEP FUT,FUT,NA,75,30/09/25,-0.01,XX,50,M,N,N,N,NA,A,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");

        Assert.Equal(InstrumentMasterLayout.Detailed, result.Layout);
        Assert.Equal(3, result.Instruments.Count);

        var test = result.Instruments[0];
        Assert.Equal(Ist.At(new DateOnly(2036, 11, 27), new TimeOnly(14, 30)), test.Expiry);

        var hdfcBank = result.Instruments[1];
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseFno, 53316), hdfcBank.Key);
        Assert.Equal(InstrumentKind.FutureStock, hdfcBank.Kind);
        Assert.Equal("HDFCBANK-Jul2025-FUT", hdfcBank.Symbol);
        Assert.Equal("HDFCBANK JUL FUT", hdfcBank.DisplayName);
        Assert.Equal("HDFCBANK", hdfcBank.UnderlyingSymbol);
        Assert.Equal(1333u, hdfcBank.UnderlyingSecurityId);
        Assert.Null(hdfcBank.Isin);
        Assert.Equal("", hdfcBank.Series);
        Assert.Equal(550, hdfcBank.LotSize);
        Assert.Equal(0.10m, hdfcBank.TickSize.Rupees);
        Assert.Equal(Ist.At(new DateOnly(2025, 7, 31), new TimeOnly(14, 30)), hdfcBank.Expiry);
        Assert.Null(hdfcBank.Strike);
        Assert.Null(hdfcBank.OptionType);

        Assert.Equal("BAJAJ-AUTO", result.Instruments[2].UnderlyingSymbol);
    }

    [Fact]
    public void Parser_Reads2026DetailedEquityAndIndex()
    {
        var result = MasterText.Parse(
            MasterText.Detailed2026Header,
            "NSE,E,2885,INE002A01018,EQUITY,,RELIANCE,RELIANCE INDUSTRIES LTD,Reliance Industries,ES,EQ,1,,,,10,NA,N,N,N,NA,A,0,0,0,0,0,0,4.545455,1446.6,1183.6",
            "NSE,I,13,NA,INDEX,13,NIFTY,NIFTY,Nifty 50,INDEX,NA,1,0001-01-01,,XX,0.05,N,N,N,N,NA,A,0,0,0,0,0,0,0,0,0");

        Assert.Equal(2, result.Instruments.Count);

        var reliance = result.Instruments[0];
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 2885), reliance.Key);
        Assert.Equal("RELIANCE", reliance.Symbol);
        Assert.Equal("Reliance Industries", reliance.DisplayName);
        Assert.Equal("INE002A01018", reliance.Isin);
        Assert.Equal(0.10m, reliance.TickSize.Rupees);
        Assert.Null(reliance.UnderlyingSecurityId);
        Assert.Null(reliance.UnderlyingSymbol);

        var nifty = result.Instruments[1];
        Assert.Equal(new InstrumentKey(ExchangeSegment.IdxI, 13), nifty.Key);
        Assert.Equal("NIFTY", nifty.Symbol);
        Assert.Equal(13u, nifty.UnderlyingSecurityId);
        Assert.Null(nifty.Isin);
        Assert.Equal("", nifty.Series);
        Assert.Null(nifty.ExpiryFlag);
        Assert.Equal(0.01m, nifty.TickSize.Rupees);
    }

    [Fact]
    public void Parser_BindsReorderedAndExtraColumns()
    {
        var result = MasterText.Parse(
            "EXTRA_NOTE,SEM_TICK_SIZE,SEM_TRADING_SYMBOL,SEM_SMST_SECURITY_ID,SEM_SEGMENT,SEM_EXM_EXCH_ID,SEM_INSTRUMENT_NAME,SEM_LOT_UNITS,SEM_SERIES,ANOTHER",
            "ignored,10,RELIANCE,2885,E,NSE,EQUITY,1,EQ,ignored too");

        var reliance = Assert.Single(result.Instruments);
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 2885), reliance.Key);
        Assert.Equal("RELIANCE", reliance.Symbol);
        Assert.Equal("RELIANCE", reliance.DisplayName);
        Assert.Equal(0.10m, reliance.TickSize.Rupees);
        Assert.Equal("EQ", reliance.Series);
    }

    [Fact]
    public void Parser_ToleratesMissingOptionalColumns()
    {
        var result = MasterText.Parse(
            "SEM_EXM_EXCH_ID,SEM_SEGMENT,SEM_SMST_SECURITY_ID,SEM_INSTRUMENT_NAME,SEM_TRADING_SYMBOL,SEM_TICK_SIZE",
            "NSE,E,1333,EQUITY,HDFCBANK,5",
            "NSE,D,52001,FUTIDX,NIFTY-Aug2026-FUT,10");

        var hdfcBank = Assert.Single(result.Instruments);
        Assert.Equal(1, hdfcBank.LotSize);
        Assert.Equal("", hdfcBank.Series);
        Assert.Equal(0.05m, hdfcBank.TickSize.Rupees);

        // A future without a lot column cannot be traded safely, so the row is skipped.
        Assert.Equal(1, result.SkippedFor(InstrumentSkipReason.InvalidLotSize));
    }

    [Fact]
    public void Parser_ReadsQuotedFields()
    {
        var result = MasterText.Parse(
            MasterText.CompactHeader,
            "\"NSE\",\"E\",\"7001\",EQUITY,,\"M&M\",\"1\",\"Mahindra, \"\"M&M\"\"\",,,,\"5\",NA,ES,EQ,\"MAHINDRA & MAHINDRA, LTD\"");

        var mahindra = Assert.Single(result.Instruments);
        Assert.Equal(new InstrumentKey(ExchangeSegment.NseEq, 7001), mahindra.Key);
        Assert.Equal("M&M", mahindra.Symbol);
        Assert.Equal("Mahindra, \"M&M\"", mahindra.DisplayName);
        Assert.Equal(0.05m, mahindra.TickSize.Rupees);
    }

    [Fact]
    public void Parser_SkipsRowEndingInsideQuote()
    {
        var result = MasterText.Parse(
            MasterText.CompactHeader,
            "NSE,E,1333,EQUITY,,HDFCBANK,1,HDFC Bank,,,,5,NA,ES,EQ,HDFC BANK LTD",
            "NSE,E,1594,EQUITY,,INFY,1,\"Infosys,,,,5,NA,ES,EQ,INFOSYS LIMITED");

        Assert.Single(result.Instruments);
        Assert.Equal(1, result.SkippedFor(InstrumentSkipReason.MalformedRecord));
    }

    [Theory]
    [InlineData("NSE,E,abc,EQUITY,,BAD,1,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.InvalidSecurityId, "abc")]
    [InlineData("NSE,E,-5,EQUITY,,BAD,1,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.InvalidSecurityId, "-5")]
    [InlineData("NSE,E,5,WARRANT,,BAD,1,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.UnknownInstrumentKind, "WARRANT")]
    [InlineData("NSE,E,5,EQUITY,,,1,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.MissingSymbol, "")]
    [InlineData("NSE,E,5,EQUITY,,BAD,2.5,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.InvalidLotSize, "2.5")]
    [InlineData("NSE,E,5,EQUITY,,BAD,0,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.InvalidLotSize, "0")]
    [InlineData("NSE,E,5,EQUITY,,BAD,1,Bad,,,,0,NA,ES,EQ,BAD", InstrumentSkipReason.InvalidTickSize, "0")]
    [InlineData("NSE,E,5,EQUITY,,BAD,1,Bad,,,,,NA,ES,EQ,BAD", InstrumentSkipReason.InvalidTickSize, "")]
    [InlineData("NSE,D,5,FUTIDX,0,NIFTY-Aug2026-FUT,65,NIFTY AUG FUT,,-0.01,XX,10,M,FUT,,NIFTY", InstrumentSkipReason.InvalidExpiry, "")]
    [InlineData("NSE,D,5,FUTIDX,0,NIFTY-Aug2026-FUT,65,NIFTY AUG FUT,0001-01-01,-0.01,XX,10,M,FUT,,NIFTY", InstrumentSkipReason.InvalidExpiry, "0001-01-01")]
    [InlineData("NSE,D,5,FUTIDX,0,NIFTY-Aug2026-FUT,65,NIFTY AUG FUT,25-08-2026,-0.01,XX,10,M,FUT,,NIFTY", InstrumentSkipReason.InvalidExpiry, "25-08-2026")]
    [InlineData("NSE,D,5,OPTIDX,0,NIFTY-Aug2026-0-CE,65,NIFTY 25 AUG 0 CALL,2026-08-25 14:30:00,-0.01,CE,5,M,OP,,NIFTY", InstrumentSkipReason.InvalidStrike, "-0.01")]
    [InlineData("NSE,D,5,OPTIDX,0,NIFTY-Aug2026-25000-CE,65,NIFTY 25 AUG 25000 CALL,2026-08-25 14:30:00,25000,XX,5,M,OP,,NIFTY", InstrumentSkipReason.InvalidOptionType, "XX")]
    [InlineData("NSE,E,,EQUITY,,BAD,1,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.InvalidSecurityId, "")]
    [InlineData(",E,5,EQUITY,,BAD,1,Bad,,,,5,NA,ES,EQ,BAD", InstrumentSkipReason.UnknownSegment, ",E")]
    public void Parser_SkipsBadRowWithReason(string row, InstrumentSkipReason reason, string value)
    {
        var result = MasterText.Parse(MasterText.CompactHeader, row, "NSE,E,1333,EQUITY,,HDFCBANK,1,HDFC Bank,,,,5,NA,ES,EQ,HDFC BANK LTD");

        Assert.Equal(1333u, Assert.Single(result.Instruments).Key.SecurityId);
        Assert.Equal(1, result.SkippedFor(reason));
        Assert.Equal(1, result.SkippedRowCount);
        Assert.Equal(new SkippedInstrumentRow(2, reason, value), Assert.Single(result.SkippedRowSamples));
    }

    [Fact]
    public void Parser_SkipsDetailedRowWithBadUnderlyingId()
    {
        var result = MasterText.Parse(
            MasterText.Detailed2026Header,
            "NSE,D,53316,NA,FUTSTK,HDFC,HDFCBANK,HDFCBANK-Jul2025-FUT,HDFCBANK JUL FUT,FUT,NA,550,2025-07-31 14:30:00,-0.01,XX,10,M,N,N,N,NA,A,0,0,0,0,0,0,0,0,0");

        Assert.Empty(result.Instruments);
        Assert.Equal(1, result.SkippedFor(InstrumentSkipReason.InvalidUnderlyingSecurityId));
    }

    [Fact]
    public void Parser_ReadsExponentLotSize()
    {
        // A real BSE debt row of the June-2026 compact master writes its lot as 1.00E+07.
        var result = MasterText.Parse(
            MasterText.CompactHeader,
            "BSE,E,975196,EQUITY,0,875ST28,1.00E+07,STN23II-8.75%-17-3-28-PTC,,,,1,NA,PTC,F,STN23II-8.75%-17-3-28-PTC");

        Assert.Equal(10_000_000, Assert.Single(result.Instruments).LotSize);
    }

    [Fact]
    public void Parser_KeepsOnlySamplesUpToLimit()
    {
        var rows = new List<string> { MasterText.CompactHeader };
        rows.AddRange(Enumerable.Range(1, 30).Select(i => $"NSE,E,{i},EQUITY,,BAD{i},x,Bad,,,,5,NA,ES,EQ,BAD"));

        var result = MasterText.Parse([.. rows]);

        Assert.Equal(30, result.SkippedFor(InstrumentSkipReason.InvalidLotSize));
        Assert.Equal(DhanInstrumentMasterParser.MaxSkippedRowSamples, result.SkippedRowSamples.Count);
    }

    [Fact]
    public void Parser_RejectsUnknownHeader()
    {
        var error = Assert.Throws<InvalidDataException>(() => MasterText.Parse("SYMBOL,TOKEN", "RELIANCE,2885"));

        Assert.Contains("SEM_SMST_SECURITY_ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_RejectsHeaderWithoutRequiredColumn()
    {
        var error = Assert.Throws<InvalidDataException>(() => MasterText.Parse("SEM_SMST_SECURITY_ID,SEM_SEGMENT,SEM_TRADING_SYMBOL", "2885,E,RELIANCE"));

        Assert.Contains("SEM_EXM_EXCH_ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("SEM_INSTRUMENT_NAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_RejectsEmptyInput()
    {
        Assert.Throws<InvalidDataException>(() => DhanInstrumentMasterParser.Parse(new StringReader("")));
    }

    [Fact]
    public void Parser_ReadsUtf8StreamWithByteOrderMark()
    {
        var text = MasterText.CompactHeader + "\r\nNSE,E,1333,EQUITY,,HDFCBANK,1,HDFC Bank,,,,5,NA,ES,EQ,HDFC BANK LTD\r\n";
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var result = DhanInstrumentMasterParser.Parse(stream);

        Assert.Equal(1333u, Assert.Single(result.Instruments).Key.SecurityId);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Parser_ReadsHeaderWithByteOrderMarkCharacter()
    {
        var result = MasterText.Parse("\uFEFF" + MasterText.CompactHeader, "NSE,E,1333,EQUITY,,HDFCBANK,1,HDFC Bank,,,,5,NA,ES,EQ,HDFC BANK LTD");

        Assert.Single(result.Instruments);
    }

    [Fact]
    public void Parser_StopsWhenCancelled()
    {
        var rows = new List<string> { MasterText.CompactHeader };
        rows.AddRange(Enumerable.Range(1, 10_000).Select(i => $"NSE,E,{i},EQUITY,,S{i},1,S,,,,5,NA,ES,EQ,S"));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            DhanInstrumentMasterParser.Parse(new StringReader(string.Join('\n', rows)), cancellation.Token));
    }

    [Fact]
    public void Parser_StreamsManyRowsFromReader()
    {
        var result = DhanInstrumentMasterParser.Parse(new GeneratedMasterReader(220_000));

        Assert.Equal(220_000, result.RowCount);
        Assert.Equal(220_000, result.Instruments.Count);
        Assert.Equal(0, result.SkippedRowCount);
        Assert.Equal(65, result.Instruments[^1].LotSize);
    }

    // Produces a master of synthetic option rows on demand, so the test never keeps the whole text in memory.
    private sealed class GeneratedMasterReader(int rowCount) : TextReader
    {
        private string current = MasterText.CompactHeader + "\n";
        private int position;
        private int rowsWritten;

        public override int Read(char[] buffer, int index, int count)
        {
            if (position == current.Length)
            {
                if (rowsWritten == rowCount)
                {
                    return 0;
                }

                rowsWritten++;
                var strike = 20_000 + (rowsWritten % 400 * 50);
                var side = rowsWritten % 2 == 0 ? "CE" : "PE";
                current = string.Create(
                    CultureInfo.InvariantCulture,
                    $"NSE,D,{rowsWritten},OPTIDX,0,NIFTY-Aug2026-{strike}-{side},65.0,NIFTY 25 AUG {strike},2026-08-25 14:30:00,{strike}.00000,{side},5.0000,M,OP,,NIFTY\n");
                position = 0;
            }

            var length = Math.Min(count, current.Length - position);
            current.CopyTo(position, buffer, index, length);
            position += length;
            return length;
        }
    }
}
