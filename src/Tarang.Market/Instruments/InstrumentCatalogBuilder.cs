namespace Tarang.Market.Instruments;

/// <summary>
/// Merges instrument sources, in order, into an <see cref="InstrumentCatalog"/>. A later source
/// adds new keys and replaces the rows of keys it repeats. Where the later row lacks the reference
/// data that only a detailed master carries (ISIN, underlying security id and symbol), the earlier
/// row's values are kept. So a newer compact master updates tick and lot sizes without losing the
/// ISINs of an older detailed master, and a detailed master added after a compact one replaces
/// its rows outright.
/// </summary>
public sealed class InstrumentCatalogBuilder
{
    private readonly Dictionary<InstrumentKey, Instrument> instruments = [];

    /// <summary>The number of rows that replaced a row of an earlier source with the same key.</summary>
    public int ReplacedCount { get; private set; }

    /// <summary>Adds one source's rows. A key repeated within one call is merged the same way.</summary>
    public InstrumentCatalogBuilder Add(IEnumerable<Instrument> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var instrument in source)
        {
            ArgumentNullException.ThrowIfNull(instrument, nameof(source));
            if (instruments.TryGetValue(instrument.Key, out var earlier))
            {
                instruments[instrument.Key] = Merge(earlier, instrument);
                ReplacedCount++;
            }
            else
            {
                instruments.Add(instrument.Key, instrument);
            }
        }

        return this;
    }

    /// <summary>Builds the immutable catalog of everything added so far.</summary>
    public InstrumentCatalog Build() => new(instruments.Values);

    private static Instrument Merge(Instrument earlier, Instrument later) => later with
    {
        Isin = later.Isin ?? earlier.Isin,
        UnderlyingSecurityId = later.UnderlyingSecurityId ?? earlier.UnderlyingSecurityId,
        UnderlyingSymbol = later.UnderlyingSymbol ?? earlier.UnderlyingSymbol,
    };
}
