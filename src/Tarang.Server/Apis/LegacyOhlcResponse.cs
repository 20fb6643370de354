namespace Tarang.Server.Apis;

/// <summary>The success shape of the legacy <c>stock-ohlc</c> and <c>strike-ohlc</c> routes.</summary>
/// <param name="Success">Always true; errors are problem details.</param>
/// <param name="Data">The candles as Dhan-style parallel arrays.</param>
/// <param name="Source"><c>feed_candles</c>: built by this server from the feed's trades.</param>
/// <param name="Metadata">The instrument, the dates and the candles' freshness.</param>
public sealed record LegacyOhlcResponse<TMetadata>(
    bool Success,
    LegacyOhlcArrays Data,
    string Source,
    TMetadata Metadata);
