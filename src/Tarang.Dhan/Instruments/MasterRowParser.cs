using System.Diagnostics.CodeAnalysis;
using Tarang.Market.Csv;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Instruments;

/// <summary>
/// Converts one record of a Dhan master file into an <see cref="Instrument"/>, applying the
/// master's unit and sentinel rules, or names the reason the row must be skipped.
/// </summary>
internal sealed class MasterRowParser(MasterColumns columns)
{
    private readonly StringPool pool = new();

    /// <summary>Returns true with the instrument, or false with the skip reason and the offending text.</summary>
    public bool TryParse(CsvRecordReader record, [NotNullWhen(true)] out Instrument? instrument, out InstrumentSkipReason reason, out string value)
    {
        instrument = null;
        reason = default;
        value = "";

        if (record.HasUnterminatedQuote)
        {
            return Skip(InstrumentSkipReason.MalformedRecord, default, out reason, out value);
        }

        var exchange = Read(record, columns.Exchange);
        var segmentLetter = Read(record, columns.SegmentLetter);
        if (!ExchangeSegments.TryFromMaster(exchange.ToString(), segmentLetter.ToString(), out var segment))
        {
            return Skip(InstrumentSkipReason.UnknownSegment, $"{exchange},{segmentLetter}", out reason, out value);
        }

        var securityIdText = Read(record, columns.SecurityId);
        if (!MasterValues.TryParseSecurityId(securityIdText, out var securityId))
        {
            return Skip(InstrumentSkipReason.InvalidSecurityId, securityIdText, out reason, out value);
        }

        var kindText = Read(record, columns.InstrumentName);
        if (!InstrumentKinds.TryParseDhanName(kindText, out var kind))
        {
            return Skip(InstrumentSkipReason.UnknownInstrumentKind, kindText, out reason, out value);
        }

        var isDerivative = kind.IsFuture() || kind.IsOption();
        var symbol = ReadTradingSymbol(record, isDerivative);
        if (symbol.IsEmpty)
        {
            return Skip(InstrumentSkipReason.MissingSymbol, symbol, out reason, out value);
        }

        var lotText = Read(record, columns.LotSize);
        int lotSize;
        if (lotText.IsEmpty && !isDerivative)
        {
            lotSize = 1;
        }
        else if (!MasterValues.TryParseLotSize(lotText, out lotSize))
        {
            return Skip(InstrumentSkipReason.InvalidLotSize, lotText, out reason, out value);
        }

        var tickText = Read(record, columns.TickSize);
        if (!MasterValues.TryParseTickSize(tickText, kind, out var tick))
        {
            return Skip(InstrumentSkipReason.InvalidTickSize, tickText, out reason, out value);
        }

        DateTimeOffset? expiry = null;
        if (isDerivative)
        {
            var expiryText = Read(record, columns.Expiry);
            if (MasterValues.IsNoExpiry(expiryText) || !MasterValues.TryParseExpiry(expiryText, segment.Value, out var parsed))
            {
                return Skip(InstrumentSkipReason.InvalidExpiry, expiryText, out reason, out value);
            }

            expiry = parsed;
        }

        // Strike and option type mean something only for options: futures carry the strike
        // sentinel -0.01 and option type XX, and the 2024 index rows carry a junk strike 7.00000.
        decimal? strike = null;
        OptionType? optionType = null;
        if (kind.IsOption())
        {
            var strikeText = Read(record, columns.Strike);
            if (!MasterValues.TryParseStrike(strikeText, out var parsedStrike))
            {
                return Skip(InstrumentSkipReason.InvalidStrike, strikeText, out reason, out value);
            }

            var optionTypeText = Read(record, columns.OptionType);
            if (!MasterValues.TryParseOptionType(optionTypeText, out var parsedOptionType))
            {
                return Skip(InstrumentSkipReason.InvalidOptionType, optionTypeText, out reason, out value);
            }

            strike = parsedStrike;
            optionType = parsedOptionType;
        }

        var underlyingIdText = Read(record, columns.UnderlyingSecurityId);
        uint? underlyingSecurityId = null;
        if (!MasterValues.IsBlankOrNotApplicable(underlyingIdText))
        {
            if (!MasterValues.TryParseSecurityId(underlyingIdText, out var parsedUnderlyingId))
            {
                return Skip(InstrumentSkipReason.InvalidUnderlyingSecurityId, underlyingIdText, out reason, out value);
            }

            underlyingSecurityId = parsedUnderlyingId;
        }

        var symbolText = symbol.ToString();
        var displayName = Read(record, columns.DisplayName);
        var series = Read(record, columns.Series);
        var isin = Read(record, columns.Isin);

        instrument = new Instrument
        {
            Key = new InstrumentKey(segment.Value, securityId),
            Kind = kind,
            Symbol = symbolText,
            DisplayName = displayName.IsEmpty ? symbolText : displayName.ToString(),
            Series = MasterValues.IsBlankOrNotApplicable(series) ? "" : pool.Get(series),
            LotSize = lotSize,
            TickSize = tick,
            Expiry = expiry,
            ExpiryFlag = ReadExpiryFlag(record),
            Strike = strike,
            OptionType = optionType,
            UnderlyingSymbol = ReadUnderlyingSymbol(record, kind, isDerivative, symbolText),
            UnderlyingSecurityId = underlyingSecurityId,
            Isin = MasterValues.IsBlankOrNotApplicable(isin) ? null : isin.ToString(),
        };
        return true;
    }

    // The compact layout has a trading symbol column. The detailed layout puts a derivative's
    // trading symbol (NIFTY-Feb2026-25100-CE) in SYMBOL_NAME, but an equity's or index's trading
    // symbol (RELIANCE, NIFTY) in UNDERLYING_SYMBOL, with the company name in SYMBOL_NAME.
    private ReadOnlySpan<char> ReadTradingSymbol(CsvRecordReader record, bool isDerivative)
    {
        if (columns.Layout == InstrumentMasterLayout.Compact)
        {
            return Read(record, columns.TradingSymbol);
        }

        return Read(record, isDerivative ? columns.SymbolName : columns.UnderlyingSymbol);
    }

    private string? ReadUnderlyingSymbol(CsvRecordReader record, InstrumentKind kind, bool isDerivative, string symbol)
    {
        if (kind == InstrumentKind.Index)
        {
            return symbol;
        }

        if (!isDerivative)
        {
            return null;
        }

        if (columns.Layout == InstrumentMasterLayout.Detailed)
        {
            var underlying = Read(record, columns.UnderlyingSymbol);
            return underlying.IsEmpty ? null : pool.Get(underlying);
        }

        // The compact layout has no underlying column, so take it from the trading symbol:
        // NIFTY-Aug2026-FUT, CRUDEOIL-19Aug2026-FUT and NIFTY-Oct2024-25800-CE end in two or three
        // dash-separated parts after the underlying, which may itself contain a dash (BAJAJ-AUTO).
        var fromSymbol = StripContractSuffix(symbol, kind.IsOption() ? 3 : 2);
        if (!fromSymbol.IsEmpty)
        {
            return pool.Get(fromSymbol);
        }

        var symbolName = Read(record, columns.SymbolName);
        return symbolName.IsEmpty ? null : pool.Get(symbolName);
    }

    private string? ReadExpiryFlag(CsvRecordReader record)
    {
        var flag = Read(record, columns.ExpiryFlag);
        var isWeeklyOrMonthly = flag.Equals("W", StringComparison.OrdinalIgnoreCase) || flag.Equals("M", StringComparison.OrdinalIgnoreCase);
        return isWeeklyOrMonthly ? pool.Get(flag) : null;
    }

    // Returns the symbol without its last `parts` dash-separated parts, or empty when it has too few.
    private static ReadOnlySpan<char> StripContractSuffix(ReadOnlySpan<char> symbol, int parts)
    {
        for (var i = 0; i < parts; i++)
        {
            var dash = symbol.LastIndexOf('-');
            if (dash <= 0)
            {
                return default;
            }

            symbol = symbol[..dash];
        }

        return symbol;
    }

    private static ReadOnlySpan<char> Read(CsvRecordReader record, int column) => MasterColumns.Read(record, column);

    private static bool Skip(InstrumentSkipReason skipReason, ReadOnlySpan<char> text, out InstrumentSkipReason reason, out string value)
    {
        reason = skipReason;
        value = text.ToString();
        return false;
    }
}
