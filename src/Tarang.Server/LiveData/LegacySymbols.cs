using System.Collections.Frozen;
using Tarang.Server.Watchlists;

namespace Tarang.Server.LiveData;

/// <summary>
/// The index symbols of the system Tarang replaces (<see cref="WatchlistSymbols.LegacyIndexAliases"/>),
/// looked up from the master's symbol. Input accepts them as aliases; replies carry the master's
/// symbol, with the alias in <c>legacySymbol</c>.
/// </summary>
public static class LegacySymbols
{
    private static readonly FrozenDictionary<string, string> Aliases = WatchlistSymbols.LegacyIndexAliases
        .ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the legacy alias of an index symbol (<c>NIFTY</c> gives <c>NIFTY_50</c>), or null.</summary>
    public static string? AliasOf(string indexSymbol) =>
        Aliases.TryGetValue(indexSymbol, out var alias) ? alias : null;
}
