namespace Tarang.Dhan.Instruments;

/// <summary>A row the parser skipped, kept as a sample for logs and diagnostics.</summary>
/// <param name="LineNumber">The 1-based line of the file on which the row starts.</param>
/// <param name="Reason">Why the row was skipped.</param>
/// <param name="Value">The offending field's text (empty when the field was blank).</param>
public sealed record SkippedInstrumentRow(long LineNumber, InstrumentSkipReason Reason, string Value);
