using System.Collections.Frozen;

namespace Tarang.Server.LiveData;

/// <summary>
/// The index symbols of the system Tarang replaces, accepted as aliases of the instrument
/// master's index symbols. Only input is translated: replies carry the master's symbol, with the
/// alias in <c>legacySymbol</c>.
/// </summary>
public static class LegacySymbols
{
    private static readonly FrozenDictionary<string, string> IndexSymbols = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["NIFTY_50"] = "NIFTY",
        ["BANK_NIFTY"] = "BANKNIFTY",
        ["SENSEX"] = "SENSEX",
        ["FINNIFTY"] = "FINNIFTY",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> Aliases = IndexSymbols
        .ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the master's index symbol for a legacy alias (<c>NIFTY_50</c> gives <c>NIFTY</c>).</summary>
    public static bool TryGetIndexSymbol(string alias, out string indexSymbol) =>
        IndexSymbols.TryGetValue(alias, out indexSymbol!);

    /// <summary>Returns the legacy alias of an index symbol (<c>NIFTY</c> gives <c>NIFTY_50</c>), or null.</summary>
    public static string? AliasOf(string indexSymbol) =>
        Aliases.TryGetValue(indexSymbol, out var alias) ? alias : null;
}
