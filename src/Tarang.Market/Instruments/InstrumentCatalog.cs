using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Market.Instruments;

/// <summary>
/// An immutable index of the instrument master: lookup by key, by trading symbol, search for a
/// search box, and derivatives by underlying for option chains. Built once (see
/// <see cref="InstrumentCatalogBuilder"/>) and never changed, so a refresh builds a new catalog
/// off the request path and callers swap the reference atomically. Readers need no lock.
/// </summary>
public sealed class InstrumentCatalog : ITickSizeLookup
{
    /// <summary>The result count <see cref="Search"/> returns when the caller gives none.</summary>
    public const int DefaultSearchResults = 20;

    /// <summary>The largest result count <see cref="Search"/> accepts.</summary>
    public const int MaxSearchResults = 200;

    private readonly Instrument[] instruments;
    private readonly FrozenDictionary<InstrumentKey, Instrument> byKey;
    private readonly FrozenDictionary<string, Instrument[]> bySymbol;
    private readonly FrozenDictionary<string, Instrument[]> derivativesByUnderlying;

    // Search entries sorted by upper-case symbol (ordinal), so a prefix is a contiguous range.
    // Equities and indices are searched before derivatives, which would otherwise crowd them out.
    private readonly SearchEntry[] primaryEntries;
    private readonly SearchEntry[] derivativeEntries;

    internal InstrumentCatalog(IEnumerable<Instrument> source)
    {
        instruments = [.. source];
        Array.Sort(instruments, CompareKeys);

        byKey = instruments.ToFrozenDictionary(instrument => instrument.Key);
        bySymbol = instruments
            .GroupBy(instrument => instrument.Symbol, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(group => group.Key, group => group.ToArray(), StringComparer.OrdinalIgnoreCase);

        var derivatives = instruments.Where(IsDerivative).ToArray();
        derivativesByUnderlying = derivatives
            .Where(instrument => instrument.UnderlyingSymbol is not null)
            .GroupBy(instrument => instrument.UnderlyingSymbol!, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(group => group.Key, SortDerivatives, StringComparer.OrdinalIgnoreCase);

        primaryEntries = CreateSearchEntries(instruments.Where(instrument => !IsDerivative(instrument)));
        derivativeEntries = CreateSearchEntries(derivatives);
    }

    /// <summary>A catalog with no instruments.</summary>
    public static InstrumentCatalog Empty { get; } = new([]);

    /// <summary>The number of instruments.</summary>
    public int Count => instruments.Length;

    /// <summary>Every instrument, ordered by segment and security id.</summary>
    public IReadOnlyList<Instrument> Instruments => instruments;

    /// <summary>Creates a catalog from one source. <see cref="InstrumentCatalogBuilder"/> merges several.</summary>
    public static InstrumentCatalog Create(IEnumerable<Instrument> instruments) =>
        new InstrumentCatalogBuilder().Add(instruments).Build();

    /// <summary>Looks up an instrument by its key.</summary>
    public bool TryGet(InstrumentKey key, [NotNullWhen(true)] out Instrument? instrument) =>
        byKey.TryGetValue(key, out instrument);

    /// <summary>Finds the tick size of an instrument in the catalog; instruments not in it have none.</summary>
    public bool TryGetTickSize(InstrumentKey instrument, out TickSize tickSize)
    {
        var found = byKey.TryGetValue(instrument, out var entry);
        tickSize = found ? entry!.TickSize : default;
        return found;
    }

    /// <summary>
    /// Returns every instrument whose trading symbol equals <paramref name="symbol"/>, ignoring case,
    /// ordered by key. One symbol can name several (ELECTCAST EQ and its W1 warrants, NSE and BSE listings).
    /// </summary>
    public IReadOnlyList<Instrument> FindBySymbol(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return bySymbol.TryGetValue(symbol.Trim(), out var matches) ? matches : [];
    }

    /// <summary>
    /// Resolves a symbol to its equity in the EQ series when exactly one instrument of the symbol
    /// is an equity in that series. Returns false when none or several are, so the caller lists
    /// <see cref="FindBySymbol"/> instead of guessing.
    /// </summary>
    public bool TryGetPreferredEquity(string symbol, [NotNullWhen(true)] out Instrument? instrument)
    {
        instrument = null;
        foreach (var candidate in FindBySymbol(symbol))
        {
            var isEqSeries = candidate.Kind == InstrumentKind.Equity && candidate.Series.Equals("EQ", StringComparison.OrdinalIgnoreCase);
            if (!isEqSeries)
            {
                continue;
            }

            if (instrument is not null)
            {
                instrument = null;
                return false;
            }

            instrument = candidate;
        }

        return instrument is not null;
    }

    /// <summary>
    /// Searches for a search box, ignoring case: trading symbols that start with the query first
    /// (equities and indices before derivatives, each in symbol order), then symbols or display
    /// names that contain it. Returns at most <paramref name="maxResults"/> instruments.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxResults"/> is outside 1 to <see cref="MaxSearchResults"/>.</exception>
    public IReadOnlyList<Instrument> Search(string query, int maxResults = DefaultSearchResults)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, MaxSearchResults);

        var text = query.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var results = new List<Instrument>(maxResults);
        var seen = new HashSet<InstrumentKey>();
        var upper = text.ToUpperInvariant();

        AddPrefixMatches(primaryEntries, upper, results, seen, maxResults);
        AddPrefixMatches(derivativeEntries, upper, results, seen, maxResults);
        AddContainsMatches(primaryEntries, text, results, seen, maxResults);
        AddContainsMatches(derivativeEntries, text, results, seen, maxResults);
        return results;
    }

    /// <summary>
    /// Returns the futures and options on <paramref name="underlyingSymbol"/> (<c>NIFTY</c>), ignoring
    /// case, ordered by expiry, futures before options, then strike and CE before PE.
    /// </summary>
    public IReadOnlyList<Instrument> GetDerivatives(string underlyingSymbol)
    {
        ArgumentNullException.ThrowIfNull(underlyingSymbol);
        return derivativesByUnderlying.TryGetValue(underlyingSymbol.Trim(), out var derivatives) ? derivatives : [];
    }

    /// <summary>Returns the derivatives on <paramref name="underlyingSymbol"/> that expire on the IST date <paramref name="expiryDate"/>.</summary>
    public IReadOnlyList<Instrument> GetDerivatives(string underlyingSymbol, DateOnly expiryDate) =>
        [.. GetDerivatives(underlyingSymbol).Where(instrument => ExpiryDateOf(instrument) == expiryDate)];

    /// <summary>Returns the distinct IST expiry dates of the derivatives on <paramref name="underlyingSymbol"/>, ascending.</summary>
    public IReadOnlyList<DateOnly> GetExpiryDates(string underlyingSymbol) =>
        [.. GetDerivatives(underlyingSymbol).Select(ExpiryDateOf).OfType<DateOnly>().Distinct().Order()];

    private static DateOnly? ExpiryDateOf(Instrument instrument) =>
        instrument.Expiry is { } expiry ? Ist.DateOf(expiry) : null;

    private static bool IsDerivative(Instrument instrument) => instrument.Kind.IsFuture() || instrument.Kind.IsOption();

    private static int CompareKeys(Instrument left, Instrument right)
    {
        var bySegment = left.Key.Segment.CompareTo(right.Key.Segment);
        return bySegment != 0 ? bySegment : left.Key.SecurityId.CompareTo(right.Key.SecurityId);
    }

    private static Instrument[] SortDerivatives(IEnumerable<Instrument> derivatives) =>
        [.. derivatives
            .OrderBy(instrument => instrument.Expiry)
            .ThenBy(instrument => instrument.Kind.IsOption())
            .ThenBy(instrument => instrument.Strike)
            .ThenBy(instrument => instrument.OptionType)
            .ThenBy(instrument => instrument.Key.SecurityId)];

    private static SearchEntry[] CreateSearchEntries(IEnumerable<Instrument> source)
    {
        var entries = source.Select(instrument => new SearchEntry(instrument.Symbol.ToUpperInvariant(), instrument)).ToArray();
        Array.Sort(entries, (left, right) => string.CompareOrdinal(left.UpperSymbol, right.UpperSymbol));
        return entries;
    }

    private static void AddPrefixMatches(SearchEntry[] entries, string upperPrefix, List<Instrument> results, HashSet<InstrumentKey> seen, int maxResults)
    {
        // Binary search for the first entry not below the prefix. Matches follow it contiguously.
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(entries[middle].UpperSymbol, upperPrefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < entries.Length && results.Count < maxResults; i++)
        {
            if (!entries[i].UpperSymbol.StartsWith(upperPrefix, StringComparison.Ordinal))
            {
                break;
            }

            if (seen.Add(entries[i].Instrument.Key))
            {
                results.Add(entries[i].Instrument);
            }
        }
    }

    private static void AddContainsMatches(SearchEntry[] entries, string text, List<Instrument> results, HashSet<InstrumentKey> seen, int maxResults)
    {
        for (var i = 0; i < entries.Length && results.Count < maxResults; i++)
        {
            var instrument = entries[i].Instrument;
            var matches = instrument.Symbol.Contains(text, StringComparison.OrdinalIgnoreCase)
                || instrument.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase);
            if (matches && seen.Add(instrument.Key))
            {
                results.Add(instrument);
            }
        }
    }

    private readonly record struct SearchEntry(string UpperSymbol, Instrument Instrument);
}
