using Tarang.Market.Csv;
namespace Tarang.Dhan.Instruments;

/// <summary>
/// The positions of the columns the parser reads, bound by header name so that reordered,
/// extra and missing optional columns are tolerated. A missing column reads as blank.
/// </summary>
internal sealed class MasterColumns
{
    private const int Missing = -1;

    private MasterColumns(InstrumentMasterLayout layout)
    {
        Layout = layout;
    }

    public InstrumentMasterLayout Layout { get; }

    public int Exchange { get; private init; } = Missing;

    public int SegmentLetter { get; private init; } = Missing;

    public int SecurityId { get; private init; } = Missing;

    public int InstrumentName { get; private init; } = Missing;

    /// <summary>Compact <c>SEM_TRADING_SYMBOL</c>. The detailed layout has no such column.</summary>
    public int TradingSymbol { get; private init; } = Missing;

    /// <summary>
    /// Detailed <c>SYMBOL_NAME</c> (a derivative's trading symbol, an equity's company name) or
    /// compact <c>SM_SYMBOL_NAME</c>.
    /// </summary>
    public int SymbolName { get; private init; } = Missing;

    public int DisplayName { get; private init; } = Missing;

    public int Series { get; private init; } = Missing;

    public int LotSize { get; private init; } = Missing;

    public int Expiry { get; private init; } = Missing;

    public int Strike { get; private init; } = Missing;

    public int OptionType { get; private init; } = Missing;

    public int TickSize { get; private init; } = Missing;

    public int ExpiryFlag { get; private init; } = Missing;

    public int Isin { get; private init; } = Missing;

    public int UnderlyingSecurityId { get; private init; } = Missing;

    public int UnderlyingSymbol { get; private init; } = Missing;

    /// <summary>Binds the header record, or throws when it is neither layout or lacks a required column.</summary>
    /// <exception cref="InvalidDataException">The header is not a Dhan master header.</exception>
    public static MasterColumns Bind(CsvRecordReader header)
    {
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.FieldCount; i++)
        {
            // The first name may carry a byte-order mark when the reader did not strip it.
            var name = header[i].Trim().TrimStart('\uFEFF').Trim().ToString();
            positions.TryAdd(name, i);
        }

        int Find(params string[] names)
        {
            foreach (var name in names)
            {
                if (positions.TryGetValue(name, out var index))
                {
                    return index;
                }
            }

            return Missing;
        }

        MasterColumns columns;
        if (positions.ContainsKey("SEM_SMST_SECURITY_ID"))
        {
            columns = new MasterColumns(InstrumentMasterLayout.Compact)
            {
                Exchange = Find("SEM_EXM_EXCH_ID"),
                SegmentLetter = Find("SEM_SEGMENT"),
                SecurityId = Find("SEM_SMST_SECURITY_ID"),
                InstrumentName = Find("SEM_INSTRUMENT_NAME"),
                TradingSymbol = Find("SEM_TRADING_SYMBOL"),
                SymbolName = Find("SM_SYMBOL_NAME"),
                DisplayName = Find("SEM_CUSTOM_SYMBOL"),
                Series = Find("SEM_SERIES"),
                LotSize = Find("SEM_LOT_UNITS"),
                Expiry = Find("SEM_EXPIRY_DATE"),
                Strike = Find("SEM_STRIKE_PRICE"),
                OptionType = Find("SEM_OPTION_TYPE"),
                TickSize = Find("SEM_TICK_SIZE"),
                ExpiryFlag = Find("SEM_EXPIRY_FLAG"),
            };
        }
        else if (positions.ContainsKey("SECURITY_ID"))
        {
            columns = new MasterColumns(InstrumentMasterLayout.Detailed)
            {
                Exchange = Find("EXCH_ID"),
                SegmentLetter = Find("SEGMENT"),
                SecurityId = Find("SECURITY_ID"),
                InstrumentName = Find("INSTRUMENT"),
                SymbolName = Find("SYMBOL_NAME"),
                DisplayName = Find("DISPLAY_NAME"),
                Series = Find("SERIES"),
                LotSize = Find("LOT_SIZE"),
                Expiry = Find("SM_EXPIRY_DATE", "EXPIRY_DATE"),
                Strike = Find("STRIKE_PRICE"),
                OptionType = Find("OPTION_TYPE"),
                TickSize = Find("TICK_SIZE"),
                ExpiryFlag = Find("EXPIRY_FLAG"),
                Isin = Find("ISIN"),
                UnderlyingSecurityId = Find("UNDERLYING_SECURITY_ID"),
                UnderlyingSymbol = Find("UNDERLYING_SYMBOL"),
            };
        }
        else
        {
            throw new InvalidDataException(
                "The first line is not a Dhan instrument master header, because it has neither SEM_SMST_SECURITY_ID " +
                "(compact layout) nor SECURITY_ID (detailed layout). Check that the file is Dhan's instrument master CSV.");
        }

        columns.ThrowIfRequiredMissing();
        return columns;
    }

    private void ThrowIfRequiredMissing()
    {
        var missing = new List<string>();
        var compact = Layout == InstrumentMasterLayout.Compact;
        if (Exchange == Missing)
        {
            missing.Add(compact ? "SEM_EXM_EXCH_ID" : "EXCH_ID");
        }

        if (SegmentLetter == Missing)
        {
            missing.Add(compact ? "SEM_SEGMENT" : "SEGMENT");
        }

        if (InstrumentName == Missing)
        {
            missing.Add(compact ? "SEM_INSTRUMENT_NAME" : "INSTRUMENT");
        }

        if (compact && TradingSymbol == Missing)
        {
            missing.Add("SEM_TRADING_SYMBOL");
        }

        if (!compact && SymbolName == Missing && UnderlyingSymbol == Missing)
        {
            missing.Add("SYMBOL_NAME or UNDERLYING_SYMBOL");
        }

        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"The {Layout.ToString().ToLowerInvariant()} instrument master header lacks the required column(s) " +
                $"{string.Join(", ", missing)}.");
        }
    }

    /// <summary>Returns the trimmed field at <paramref name="column"/>, or an empty span when the column is missing.</summary>
    public static ReadOnlySpan<char> Read(CsvRecordReader record, int column) =>
        column == Missing ? default : record[column].Trim();
}
