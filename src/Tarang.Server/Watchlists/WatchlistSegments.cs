using Tarang.Market.Instruments;

namespace Tarang.Server.Watchlists;

/// <summary>Reads the segment names stored in the watchlist table.</summary>
internal static class WatchlistSegments
{
    /// <summary>Parses a stored Dhan segment name.</summary>
    /// <exception cref="InvalidOperationException">The stored name is not a Dhan segment, so the row was not written by this model.</exception>
    public static ExchangeSegment Parse(string name) =>
        ExchangeSegments.TryParseDhanName(name, out var segment)
            ? segment
            : throw new InvalidOperationException($"The watchlist_items table contains the segment '{name}', which is not a Dhan segment name.");
}
