namespace Tarang.Server.Apis;

/// <summary>
/// Candles as parallel arrays in the shape of Dhan's chart API, which the legacy OHLC routes
/// returned: element <c>i</c> of each array is candle <c>i</c>, <c>timestamp</c> is its start in
/// Unix seconds (UTC). A volume is null where no packet of the minute carried the day's volume.
/// </summary>
public sealed record LegacyOhlcArrays(
    IReadOnlyList<decimal> Open,
    IReadOnlyList<decimal> High,
    IReadOnlyList<decimal> Low,
    IReadOnlyList<decimal> Close,
    IReadOnlyList<long?> Volume,
    IReadOnlyList<long> Timestamp);
