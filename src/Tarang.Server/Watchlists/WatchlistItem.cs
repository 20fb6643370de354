using Tarang.Market.Instruments;

namespace Tarang.Server.Watchlists;

/// <summary>
/// One instrument on a user's watchlist, stored by instrument key because Dhan reuses security ids
/// across segments. A user has each instrument at most once (unique on user, segment and id).
/// </summary>
public sealed class WatchlistItem
{
    /// <summary>The longest trading symbol stored; the bundled master's longest is 26 characters.</summary>
    public const int MaxSymbolLength = 64;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public ExchangeSegment Segment { get; set; }

    /// <summary>Dhan's security id; <c>long</c> because PostgreSQL has no unsigned 32-bit column type.</summary>
    public long SecurityId { get; set; }

    /// <summary>The instrument master's trading symbol when the item was added, as users see it.</summary>
    public required string Symbol { get; set; }

    /// <summary>When the item was added, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public InstrumentKey Key => new(Segment, (uint)SecurityId);
}
