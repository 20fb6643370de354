using Tarang.Market.Instruments;

namespace Tarang.Dhan.Instruments;

/// <summary>
/// Two rows of one master file with the same key (segment, security id). The parser keeps the
/// first row and reports the second here rather than overwriting the first.
/// </summary>
/// <param name="Key">The shared key.</param>
/// <param name="KeptLineNumber">The line of the row that was kept.</param>
/// <param name="Kept">The row that was kept.</param>
/// <param name="RejectedLineNumber">The line of the row that was dropped.</param>
/// <param name="Rejected">The row that was dropped.</param>
public sealed record InstrumentCollision(
    InstrumentKey Key,
    long KeptLineNumber,
    Instrument Kept,
    long RejectedLineNumber,
    Instrument Rejected);
