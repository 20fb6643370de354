using System.Collections.Frozen;
using Tarang.Market.Instruments;

namespace Tarang.Server.Watchlists;

/// <summary>The outcome of resolving a symbol: one instrument, or an error with the candidates that matched.</summary>
public sealed record SymbolResolution(Instrument? Instrument, IReadOnlyList<Instrument> Candidates, string? Field, string? Error);

/// <summary>
/// Resolves the legacy watchlist input <c>{symbol, exchange}</c> through the instrument master.
/// The exchange is a Dhan segment name. Without one, the symbol is looked up in NSE_EQ (the
/// system Tarang replaces defaulted to it) and, when NSE_EQ has no such symbol, in every segment,
/// so index symbols such as NIFTY resolve without an exchange. A symbol that matches several
/// instruments is an error listing them with their keys, never a guess.
/// </summary>
public static class WatchlistSymbols
{
    /// <summary>The default exchange of the legacy API.</summary>
    public const ExchangeSegment DefaultSegment = ExchangeSegment.NseEq;

    /// <summary>Legacy names of index underlyings and their trading symbols in IDX_I; they apply whatever the exchange is.</summary>
    public static FrozenDictionary<string, string> LegacyIndexAliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["NIFTY_50"] = "NIFTY",
        ["BANK_NIFTY"] = "BANKNIFTY",
        ["SENSEX"] = "SENSEX",
        ["FINNIFTY"] = "FINNIFTY",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resolves <paramref name="symbol"/>, upper-cased and trimmed, in <paramref name="exchange"/> or by the default rule.</summary>
    public static SymbolResolution Resolve(InstrumentCatalog catalog, string symbol, string? exchange)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(symbol);
        var text = symbol.Trim().ToUpperInvariant();
        ExchangeSegment? segment = null;
        if (!string.IsNullOrWhiteSpace(exchange))
        {
            if (!ExchangeSegments.TryParseDhanName(exchange.Trim(), out var parsed))
            {
                return Failure([], "exchange", $"The exchange '{exchange}' is invalid; use a Dhan segment name: {SegmentNames()}.");
            }

            segment = parsed;
        }

        if (LegacyIndexAliases.TryGetValue(text, out var indexSymbol))
        {
            var indices = catalog.FindBySymbol(indexSymbol).Where(i => i.Key.Segment == ExchangeSegment.IdxI).ToList();
            return Choose(text, indices, "IDX_I");
        }

        var all = catalog.FindBySymbol(text);
        if (segment is { } chosen)
        {
            return Choose(text, [.. all.Where(i => i.Key.Segment == chosen)], chosen.ToDhanName(), all);
        }

        var inDefault = all.Where(i => i.Key.Segment == DefaultSegment).ToList();
        return inDefault.Count > 0
            ? Choose(text, inDefault, DefaultSegment.ToDhanName())
            : Choose(text, [.. all], "any segment");
    }

    /// <summary>Dhan's segment names, comma-separated, for error messages.</summary>
    public static string SegmentNames() => string.Join(", ", ExchangeSegments.All.Select(s => s.ToDhanName()));

    private static SymbolResolution Choose(string symbol, List<Instrument> matches, string where, IReadOnlyList<Instrument>? elsewhere = null)
    {
        if (matches.Count == 1)
        {
            return new SymbolResolution(matches[0], matches, null, null);
        }

        if (matches.Count > 1)
        {
            var listed = string.Join("; ", matches.Select(Describe));
            return Failure(
                matches,
                "symbol",
                $"The symbol '{symbol}' matches {matches.Count} instruments in {where}: {listed}. Send 'segment' and 'securityId' of the one you mean.");
        }

        var search = $"/api/instruments/search?q={Uri.EscapeDataString(symbol)}";
        if (elsewhere is { Count: > 0 })
        {
            var segments = string.Join(", ", elsewhere.Select(i => i.Key.Segment.ToDhanName()).Distinct());
            return Failure(
                elsewhere,
                "symbol",
                $"No instrument in {where} has the trading symbol '{symbol}'; it is listed in {segments}, so send that as 'exchange', or search with {search}.");
        }

        return Failure([], "symbol", $"No instrument in {where} has the trading symbol '{symbol}'; find the symbol with {search}.");
    }

    private static string Describe(Instrument instrument) =>
        instrument.Series.Length == 0
            ? $"{instrument.Key} ({instrument.DisplayName})"
            : $"{instrument.Key} ({instrument.DisplayName}, series {instrument.Series})";

    private static SymbolResolution Failure(IReadOnlyList<Instrument> candidates, string field, string error) =>
        new(null, candidates, field, error);
}
