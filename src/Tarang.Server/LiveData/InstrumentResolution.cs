using Tarang.Market.Instruments;

namespace Tarang.Server.LiveData;

/// <summary>
/// What one instrument reference in a request resolved to: one instrument, or why not
/// (<see cref="Invalid"/> text, no match, or several candidates).
/// </summary>
public sealed record InstrumentResolution
{
    /// <summary>The reference as the request gave it.</summary>
    public required string Text { get; init; }

    public Instrument? Instrument { get; init; }

    /// <summary>Why the text is not a valid key, with the fix; null when it parsed.</summary>
    public string? Invalid { get; init; }

    /// <summary>The instruments a symbol matches when it matches several.</summary>
    public IReadOnlyList<Instrument> Candidates { get; init; } = [];

    public bool IsResolved => Instrument is not null;

    public bool IsAmbiguous => Candidates.Count > 1;
}
