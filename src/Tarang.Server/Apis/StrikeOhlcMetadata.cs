namespace Tarang.Server.Apis;

/// <summary>
/// The metadata of <c>strike-ohlc</c>: the legacy fields (symbol as requested, expiry, strike,
/// option type, security id as text, segment) and what the server adds: the contract's trading
/// symbol, the day served, the partial candles, the freshness and the holding.
/// </summary>
public sealed record StrikeOhlcMetadata(
    string Symbol,
    string Expiry,
    string Strike,
    string OptionType,
    string SecurityId,
    string ExchangeSegment,
    string TradingSymbol,
    string Date,
    string Interval,
    IReadOnlyList<long> PartialTimestamps,
    CandleFreshness Freshness,
    CandleHoldingResponse Holding);
