using Tarang.Market.Prices;

namespace Tarang.Market.Instruments;

/// <summary>One row of the instrument master, with units made explicit.</summary>
public sealed record Instrument
{
    public required InstrumentKey Key { get; init; }

    public required InstrumentKind Kind { get; init; }

    /// <summary>Dhan's trading symbol (<c>RELIANCE</c>, <c>NIFTY-Feb2026-25100-CE</c>).</summary>
    public required string Symbol { get; init; }

    /// <summary>The name for people (<c>Reliance Industries</c>, <c>NIFTY 24 FEB 25100 CALL</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>The exchange series (<c>EQ</c>, <c>BE</c>, <c>W1</c>); empty where the master gives none.</summary>
    public string Series { get; init; } = "";

    /// <summary>The lot size in shares or units; 1 for equities and indices.</summary>
    public required int LotSize { get; init; }

    /// <summary>The price step; ₹0.01 for indices, whose master values are meaningless.</summary>
    public required TickSize TickSize { get; init; }

    /// <summary>The contract's last trading instant (IST offset); null for equities and indices.</summary>
    public DateTimeOffset? Expiry { get; init; }

    /// <summary>Weekly (<c>W</c>) or monthly (<c>M</c>) expiry flag of the master; null where it gives none.</summary>
    public string? ExpiryFlag { get; init; }

    /// <summary>The strike in rupees; null for anything that is not an option.</summary>
    public decimal? Strike { get; init; }

    /// <summary>CE or PE; null for anything that is not an option.</summary>
    public OptionType? OptionType { get; init; }

    /// <summary>The underlying's symbol for derivatives (<c>NIFTY</c>); the own symbol for indices.</summary>
    public string? UnderlyingSymbol { get; init; }

    /// <summary>The underlying's security id where the master gives it (detailed layout only).</summary>
    public uint? UnderlyingSecurityId { get; init; }

    /// <summary>The ISIN where the master gives it (detailed layout only).</summary>
    public string? Isin { get; init; }
}
