using System.Globalization;
using Tarang.Market.Instruments;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Dhan.Instruments;

/// <summary>
/// Parses the value formats of Dhan's master columns, which drift between vintages. Every parse
/// uses the invariant culture, so a comma-decimal thread culture changes nothing.
/// </summary>
internal static class MasterValues
{
    private const NumberStyles NumberFormat = NumberStyles.Float;

    // Dhan writes derivative expiries as "2026-08-25 14:30:00", but the 2025 detailed file wrote
    // "27/11/36". Two-digit years follow the invariant calendar, so 00–49 are 20xx and 50–99 19xx.
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yy", "dd/MM/yyyy"];

    // The last trading time Dhan writes in the dated vintages, used for rows that give only a date.
    private static readonly TimeOnly NseBseLastTradingTime = new(14, 30);
    private static readonly TimeOnly McxLastTradingTime = new(23, 30);

    /// <summary>Parses a lot size: a positive whole number, also written <c>65.0</c> or <c>1.00E+07</c>.</summary>
    public static bool TryParseLotSize(ReadOnlySpan<char> text, out int lotSize)
    {
        lotSize = 0;
        if (!decimal.TryParse(text, NumberFormat, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        if (value <= 0 || value > int.MaxValue || value != decimal.Truncate(value))
        {
            return false;
        }

        lotSize = (int)value;
        return true;
    }

    /// <summary>
    /// Parses the tick size. Index rows carry meaningless values (0, 0.05, 1.0000), so indices get
    /// ₹0.01 whatever the master gives. Every other row gives the tick in paise (5 → ₹0.05).
    /// </summary>
    public static bool TryParseTickSize(ReadOnlySpan<char> text, InstrumentKind kind, out TickSize tick)
    {
        if (kind == InstrumentKind.Index)
        {
            tick = TickSize.OnePaisa;
            return true;
        }

        tick = default;
        if (!decimal.TryParse(text, NumberFormat, CultureInfo.InvariantCulture, out var paise))
        {
            return false;
        }

        // NOTE: the paise unit is confirmed for NSE equities and index derivatives only.
        // MCX and currency rows are assumed to use it too, unchecked against a live order.
        return TickSize.TryFromPaise(paise, out tick);
    }

    /// <summary>Returns true when the expiry text means "no expiry": blank or Dhan's 0001-01-01 sentinel.</summary>
    public static bool IsNoExpiry(ReadOnlySpan<char> text) =>
        text.IsEmpty || text.StartsWith("0001-01-01", StringComparison.Ordinal);

    /// <summary>
    /// Parses an expiry as an IST instant whose time of day is the contract's last trading time.
    /// A date without a time gets the time Dhan writes for that exchange in the dated vintages
    /// (NSE and BSE 14:30, MCX 23:30).
    /// </summary>
    public static bool TryParseExpiry(ReadOnlySpan<char> text, ExchangeSegment segment, out DateTimeOffset expiry)
    {
        expiry = default;
        if (DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            expiry = new DateTimeOffset(dateTime, Ist.Offset);
            return true;
        }

        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var time = segment == ExchangeSegment.McxComm ? McxLastTradingTime : NseBseLastTradingTime;
            expiry = Ist.At(DateOnly.FromDateTime(date), time);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Parses a strike in rupees as an exact decimal without trailing zeros (<c>104.75000</c> → 104.75).
    /// Returns false for blank or non-numeric text and for values ≤ 0, such as the futures sentinel −0.01.
    /// </summary>
    public static bool TryParseStrike(ReadOnlySpan<char> text, out decimal strike)
    {
        strike = 0;
        if (!decimal.TryParse(text, NumberFormat, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        strike = RemoveTrailingZeros(value);
        return true;
    }

    /// <summary>Parses CE or PE, ignoring case. XX, blank and anything else give false.</summary>
    public static bool TryParseOptionType(ReadOnlySpan<char> text, out OptionType optionType)
    {
        if (text.Equals("CE", StringComparison.OrdinalIgnoreCase))
        {
            optionType = OptionType.CE;
            return true;
        }

        if (text.Equals("PE", StringComparison.OrdinalIgnoreCase))
        {
            optionType = OptionType.PE;
            return true;
        }

        optionType = default;
        return false;
    }

    /// <summary>Parses a security id: a whole number that fits a uint, with no sign or decimals.</summary>
    public static bool TryParseSecurityId(ReadOnlySpan<char> text, out uint securityId) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out securityId);

    /// <summary>Returns true for blank text and Dhan's "not applicable" placeholder <c>NA</c>.</summary>
    public static bool IsBlankOrNotApplicable(ReadOnlySpan<char> text) =>
        text.IsEmpty || text.Equals("NA", StringComparison.OrdinalIgnoreCase);

    // Dividing by 1 with 28 zero decimals leaves the value unchanged but gives it the smallest
    // scale that represents it exactly, which drops the trailing zeros.
    internal static decimal RemoveTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;
}
