using Tarang.Market.Instruments;

namespace Tarang.Dhan.Instruments;

/// <summary>
/// The outcome of parsing one instrument master file: the instruments, the rows skipped (counted by
/// reason) and the key collisions. Every data row is either an instrument, a skipped row or a
/// collision, so <see cref="RowCount"/> is the sum of the three counts.
/// </summary>
public sealed class InstrumentMasterParseResult
{
    public required InstrumentMasterLayout Layout { get; init; }

    /// <summary>The parsed instruments, in file order, with unique keys.</summary>
    public required IReadOnlyList<Instrument> Instruments { get; init; }

    /// <summary>The data rows read, without the header and blank lines.</summary>
    public required long RowCount { get; init; }

    /// <summary>Skipped rows per reason. Reasons with no skipped row are absent.</summary>
    public required IReadOnlyDictionary<InstrumentSkipReason, int> SkippedRowCounts { get; init; }

    /// <summary>
    /// The first skipped rows, at most <see cref="DhanInstrumentMasterParser.MaxSkippedRowSamples"/>,
    /// so a log can show what went wrong without listing thousands of rows.
    /// </summary>
    public required IReadOnlyList<SkippedInstrumentRow> SkippedRowSamples { get; init; }

    /// <summary>Rows dropped because an earlier row of the file had the same key.</summary>
    public required IReadOnlyList<InstrumentCollision> Collisions { get; init; }

    /// <summary>The total number of skipped rows.</summary>
    public int SkippedRowCount => SkippedRowCounts.Values.Sum();

    /// <summary>Returns the number of rows skipped for <paramref name="reason"/> (0 when none).</summary>
    public int SkippedFor(InstrumentSkipReason reason) => SkippedRowCounts.GetValueOrDefault(reason);
}
