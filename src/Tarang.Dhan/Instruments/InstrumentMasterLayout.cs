namespace Tarang.Dhan.Instruments;

/// <summary>The column layout of a Dhan instrument master file, told apart by its header.</summary>
public enum InstrumentMasterLayout
{
    /// <summary>
    /// <c>api-scrip-master.csv</c>: 16 <c>SEM_*</c> columns (2024 and 2026 vintages), no ISIN or
    /// underlying columns.
    /// </summary>
    Compact,

    /// <summary>
    /// <c>api-scrip-master-detailed.csv</c>: 31 columns in 2026, 39 in 2025, with ISIN and the
    /// underlying's symbol and security id.
    /// </summary>
    Detailed,
}
