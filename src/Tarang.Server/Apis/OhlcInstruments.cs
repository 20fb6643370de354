using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tarang.Market.Instruments;
using Tarang.Market.Time;

namespace Tarang.Server.Apis;

/// <summary>
/// Resolves the instruments the legacy OHLC routes name by symbol, through the instrument master.
/// Each failure is a 400 problem that names the field and lists what would work.
/// </summary>
internal static class OhlcInstruments
{
    // The index names of the system Tarang replaces, and the master's trading symbols of those indices.
    private static readonly Dictionary<string, string> LegacyIndexAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NIFTY_50"] = "NIFTY",
        ["BANK_NIFTY"] = "BANKNIFTY",
        ["SENSEX"] = "SENSEX",
        ["FINNIFTY"] = "FINNIFTY",
    };

    private const int MaxListed = 12;

    /// <summary>
    /// Resolves a symbol: a legacy index alias (<c>NIFTY_50</c>) to its index; else the one EQ-series
    /// equity of that trading symbol; else the one instrument of that symbol; else the one index of
    /// that display name (<c>Nifty 50</c>). A symbol matching several instruments is an error listing them.
    /// </summary>
    public static (Instrument? Instrument, ProblemHttpResult? Problem) ResolveSymbol(InstrumentCatalog catalog, string symbol)
    {
        var text = symbol.Trim();
        if (text.Length == 0)
        {
            return (null, Problems.BadRequest("symbol", "The symbol is missing; pass a trading symbol such as RELIANCE or an index such as NIFTY_50."));
        }

        if (LegacyIndexAliases.TryGetValue(text, out var indexSymbol) && SingleIndex(catalog.FindBySymbol(indexSymbol)) is { } aliased)
        {
            return (aliased, null);
        }

        if (catalog.TryGetPreferredEquity(text, out var equity))
        {
            return (equity, null);
        }

        var matches = catalog.FindBySymbol(text);
        if (matches.Count == 1)
        {
            return (matches[0], null);
        }

        if (matches.Count > 1)
        {
            return (null, Problems.BadRequest(
                "symbol",
                $"The symbol '{text}' matches {matches.Count} instruments: {Describe(matches)}; request /api/market/candles/{{segment}}/{{securityId}} with one of these keys."));
        }

        var byName = catalog.Instruments
            .Where(i => i.Kind == InstrumentKind.Index && string.Equals(i.DisplayName, text, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (byName.Count == 1)
        {
            return (byName[0], null);
        }

        return (null, Problems.BadRequest(
            "symbol",
            $"No instrument has the symbol '{text}'; pass a trading symbol such as RELIANCE, or NIFTY_50, BANK_NIFTY, SENSEX or FINNIFTY for an index, or search with /api/instruments/search?q={Uri.EscapeDataString(text)}."));
    }

    /// <summary>
    /// Resolves an option contract from the legacy strike-OHLC path: the underlying (a legacy index
    /// alias or the master's underlying symbol), the expiry date <c>YYYY-MM-DD</c> (IST), the strike
    /// in rupees and CE or PE. Every field's format is checked before the master is searched.
    /// </summary>
    public static (Instrument? Instrument, ProblemHttpResult? Problem) ResolveOption(
        InstrumentCatalog catalog, string symbol, string expiry, string strike, string optionType)
    {
        var text = symbol.Trim();
        if (text.Length == 0)
        {
            return (null, Problems.BadRequest("symbol", "The symbol is missing; pass an underlying such as NIFTY_50, BANK_NIFTY or NIFTY."));
        }

        if (!TryParseDate(expiry, out var expiryDate))
        {
            return (null, Problems.BadRequest("expiry", $"The expiry '{expiry}' is invalid; pass the expiry date as YYYY-MM-DD, for example 2026-02-24."));
        }

        if (!decimal.TryParse(strike.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var strikePrice) || strikePrice <= 0)
        {
            return (null, Problems.BadRequest("strike", $"The strike '{strike}' is invalid; pass the strike price in rupees as a positive number, for example 25100."));
        }

        if (!TryParseOptionType(optionType, out var type))
        {
            return (null, Problems.BadRequest("optionType", $"The option type '{optionType}' is invalid; pass CE for a call or PE for a put."));
        }

        var underlying = LegacyIndexAliases.TryGetValue(text, out var indexSymbol) ? indexSymbol : text.ToUpperInvariant();
        var options = catalog.GetDerivatives(underlying).Where(i => i.Kind.IsOption()).ToList();
        if (options.Count == 0)
        {
            return (null, Problems.BadRequest(
                "symbol",
                $"The symbol '{text}' has no options in the instrument master; pass an underlying with options, such as NIFTY_50 or BANK_NIFTY, or search with /api/instruments/search?q={Uri.EscapeDataString(text)}."));
        }

        var onExpiry = options.Where(i => i.Expiry is { } e && Ist.DateOf(e) == expiryDate).ToList();
        if (onExpiry.Count == 0)
        {
            var expiries = options.Select(i => Ist.DateOf(i.Expiry!.Value)).Distinct().Order().Take(MaxListed)
                .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return (null, Problems.BadRequest(
                "expiry", $"No {underlying} option has the expiry {expiryDate:yyyy-MM-dd}; the instrument master has the expiries {string.Join(", ", expiries)}."));
        }

        var contracts = onExpiry.Where(i => i.Strike == strikePrice && i.OptionType == type).ToList();
        if (contracts.Count == 1)
        {
            return (contracts[0], null);
        }

        if (contracts.Count > 1)
        {
            return (null, Problems.BadRequest(
                "symbol", $"{contracts.Count} contracts match: {Describe(contracts)}; request /api/market/candles/{{segment}}/{{securityId}} with one of these keys."));
        }

        var nearest = onExpiry.Where(i => i.OptionType == type && i.Strike is not null)
            .Select(i => i.Strike!.Value).Distinct()
            .OrderBy(s => Math.Abs(s - strikePrice)).Take(5).Order()
            .Select(s => s.ToString(CultureInfo.InvariantCulture));
        return (null, Problems.BadRequest(
            "strike",
            $"No {underlying} {expiryDate:yyyy-MM-dd} {type} option has the strike {strikePrice.ToString(CultureInfo.InvariantCulture)}; the nearest strikes are {string.Join(", ", nearest)}."));
    }

    /// <summary>Parses a date in the form YYYY-MM-DD.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryParseOptionType(string text, out OptionType type)
    {
        var trimmed = text.Trim();
        var isCall = trimmed.Equals("CE", StringComparison.OrdinalIgnoreCase);
        var isPut = trimmed.Equals("PE", StringComparison.OrdinalIgnoreCase);
        type = isCall ? OptionType.CE : OptionType.PE;
        return isCall || isPut;
    }

    private static Instrument? SingleIndex(IReadOnlyList<Instrument> matches)
    {
        var indices = matches.Where(i => i.Kind == InstrumentKind.Index).ToList();
        return indices.Count == 1 ? indices[0] : null;
    }

    private static string Describe(IReadOnlyList<Instrument> instruments)
    {
        var listed = instruments.Take(MaxListed).Select(i => $"{i.Key} ({i.Symbol}, {i.DisplayName}{(i.Series.Length > 0 ? ", " + i.Series : "")})");
        var more = instruments.Count > MaxListed ? $" and {instruments.Count - MaxListed} more" : "";
        return string.Join("; ", listed) + more;
    }
}
