using Tarang.Market.Instruments;

namespace Tarang.Server.Feed;

/// <summary>Resolves the configured default universe (<c>Feed:DefaultUniverse</c>) through the instrument catalog.</summary>
public static class DefaultUniverse
{
    /// <summary>
    /// Resolves each entry: an instrument key (<c>IDX_I:13</c>) the catalog has; else the one
    /// EQ-series equity of that trading symbol; else the one index whose trading symbol or display
    /// name is the entry, ignoring case (<c>NIFTY 50</c> is the index NIFTY, displayed "Nifty 50").
    /// Entries that match none or several go to <paramref name="unresolved"/>.
    /// </summary>
    public static IReadOnlyList<InstrumentKey> Resolve(InstrumentCatalog catalog, IEnumerable<string> entries, out IReadOnlyList<string> unresolved)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(entries);
        var resolved = new List<InstrumentKey>();
        var missing = new List<string>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (TryResolve(catalog, entry, out var key))
            {
                resolved.Add(key);
            }
            else
            {
                missing.Add(entry);
            }
        }

        unresolved = missing;
        return [.. resolved.Distinct()];
    }

    private static bool TryResolve(InstrumentCatalog catalog, string entry, out InstrumentKey key)
    {
        if (InstrumentKey.TryParse(entry, out key))
        {
            return catalog.TryGet(key, out _);
        }

        if (catalog.TryGetPreferredEquity(entry, out var equity))
        {
            key = equity.Key;
            return true;
        }

        var indices = catalog.FindBySymbol(entry).Where(i => i.Kind == InstrumentKind.Index).ToList();
        if (indices.Count == 0)
        {
            indices = [.. catalog.Instruments.Where(i => i.Kind == InstrumentKind.Index && string.Equals(i.DisplayName, entry, StringComparison.OrdinalIgnoreCase))];
        }

        key = indices.Count == 1 ? indices[0].Key : default;
        return indices.Count == 1;
    }
}
