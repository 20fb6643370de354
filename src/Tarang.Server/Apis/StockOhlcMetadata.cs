namespace Tarang.Server.Apis;

/// <summary>
/// The metadata of <c>stock-ohlc</c>: the legacy fields (symbol, security id as text, segment,
/// instrument kind, requested dates) and what the server adds: the day served, the partial
/// candles, the freshness, the holding and a note.
/// </summary>
public sealed record StockOhlcMetadata(
    string Symbol,
    string SecurityId,
    string ExchangeSegment,
    string Instrument,
    string FromDate,
    string ToDate,
    string Date,
    string Interval,
    IReadOnlyList<long> PartialTimestamps,
    CandleFreshness Freshness,
    CandleHoldingResponse Holding,
    string? Note);
