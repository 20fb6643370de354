namespace Tarang.Server.Apis.Market;

/// <summary>
/// One instrument in <c>/api/market/ltp</c>: the legacy fields (symbol, ltp, change,
/// changePercent, isPositive, timestamp) plus the key and the data's freshness.
/// </summary>
public sealed record LtpItem(
    string Symbol,
    decimal? Ltp,
    decimal? Change,
    decimal? ChangePercent,
    bool? IsPositive,
    DateTimeOffset? Timestamp,
    string Instrument,
    string? LegacySymbol,
    bool HasData,
    long? AgeMs,
    bool Stale,
    string? StaleReason,
    string MarketStatus)
{
    public static LtpItem From(MarketItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new LtpItem(
            item.Symbol, item.Ltp, item.Change, item.ChangePercent, item.IsPositive, item.Timestamp,
            item.Instrument, item.LegacySymbol, item.HasData, item.AgeMs, item.Stale, item.StaleReason, item.MarketStatus);
    }
}
