namespace Tarang.Dhan.Instruments;

/// <summary>One file of the bundled instrument master and the statistics of its parse.</summary>
/// <param name="Name">The file name under <c>data/instruments/</c> (<c>recorded_derivatives.csv.gz</c>).</param>
/// <param name="Result">The parsed instruments, skipped-row counts and collisions of the file.</param>
public sealed record BundledMasterFile(string Name, InstrumentMasterParseResult Result);
