using System.Globalization;
using Tarang.Market.Instruments;

namespace Tarang.Server.LiveData;

/// <summary>
/// Resolves the instrument references users send: an instrument key (<c>NSE_EQ:2885</c>), a legacy
/// index alias (<c>NIFTY_50</c>), or a trading symbol from the instrument master.
/// </summary>
public static class InstrumentResolver
{
    /// <summary>
    /// Resolves one reference. A key must name an instrument of the master. A symbol resolves when
    /// it matches one instrument, or when exactly one of its matches is an equity in NSE's EQ
    /// series, because a bare symbol meant the NSE listing in the system Tarang replaces
    /// (<c>RELIANCE</c> is NSE_EQ:2885, not BSE_EQ:500325). Otherwise the result lists the candidates.
    /// An index symbol that matches no trading symbol is tried as an index's display name (<c>NIFTY 50</c>).
    /// </summary>
    public static InstrumentResolution Resolve(InstrumentCatalog catalog, string text)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return ResolveKey(catalog, trimmed);
        }

        if (LegacySymbols.TryGetIndexSymbol(trimmed, out var indexSymbol))
        {
            var indices = catalog.FindBySymbol(indexSymbol).Where(i => i.Kind == InstrumentKind.Index).ToList();
            if (indices.Count == 1)
            {
                return new InstrumentResolution { Text = trimmed, Instrument = indices[0] };
            }
        }

        var matches = catalog.FindBySymbol(trimmed);
        if (matches.Count == 1)
        {
            return new InstrumentResolution { Text = trimmed, Instrument = matches[0] };
        }

        if (matches.Count > 1)
        {
            return catalog.TryGetPreferredEquity(trimmed, out var equity)
                ? new InstrumentResolution { Text = trimmed, Instrument = equity }
                : new InstrumentResolution { Text = trimmed, Candidates = matches };
        }

        var byName = catalog.Instruments
            .Where(i => i.Kind == InstrumentKind.Index && string.Equals(i.DisplayName, trimmed, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return byName.Count == 1
            ? new InstrumentResolution { Text = trimmed, Instrument = byName[0] }
            : new InstrumentResolution { Text = trimmed, Candidates = byName };
    }

    private static InstrumentResolution ResolveKey(InstrumentCatalog catalog, string text)
    {
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        var segmentText = text[..separator];
        var idText = text[(separator + 1)..];
        if (!ExchangeSegments.TryParseDhanName(segmentText, out var segment))
        {
            var names = string.Join(", ", ExchangeSegments.All.Select(s => s.ToDhanName()));
            return new InstrumentResolution { Text = text, Invalid = $"'{text}' has the invalid exchange segment '{segmentText}'; use one of {names}." };
        }

        if (!uint.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var securityId))
        {
            return new InstrumentResolution { Text = text, Invalid = $"'{text}' has the invalid security id '{idText}'; use Dhan's numeric security id, as in NSE_EQ:2885." };
        }

        return catalog.TryGet(new InstrumentKey(segment, securityId), out var instrument)
            ? new InstrumentResolution { Text = text, Instrument = instrument }
            : new InstrumentResolution { Text = text };
    }
}
