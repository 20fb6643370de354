using System.Globalization;
using Tarang.Market.Instruments;
using Tarang.Server.Watchlists;

namespace Tarang.Server.LiveData;

/// <summary>
/// Resolves the instrument references users send: an instrument key (<c>NSE_EQ:2885</c>), a legacy
/// index alias (<c>NIFTY_50</c>), or a trading symbol from the instrument master.
/// </summary>
public static class InstrumentResolver
{
    /// <summary>
    /// Resolves one reference. A key must name an instrument of the master. A symbol (or legacy
    /// alias) resolves by the same rule as watchlist input without an exchange: the one match in
    /// NSE_EQ, which a bare symbol meant in the system Tarang replaces (<c>RELIANCE</c> is
    /// NSE_EQ:2885, not BSE_EQ:500325), or, when NSE_EQ has none, the one match in any segment.
    /// Several matches give the candidates. A text that matches no trading symbol is tried as an
    /// index's display name (<c>Nifty 50</c>).
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

        var bySymbol = WatchlistSymbols.Resolve(catalog, trimmed, exchange: null);
        if (bySymbol.Instrument is { } instrument)
        {
            return new InstrumentResolution { Text = trimmed, Instrument = instrument };
        }

        if (bySymbol.Candidates.Count > 1)
        {
            return new InstrumentResolution { Text = trimmed, Candidates = bySymbol.Candidates };
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
