namespace Tarang.Server.Apis;

/// <summary>What a candle request did to the session's feed subscriptions.</summary>
/// <param name="Scope">The holder scope within the session: <c>candles</c>.</param>
/// <param name="Mode">The feed mode the instrument is held in: Quote, which carries the day's volume.</param>
/// <param name="StartedNow">True when this request started holding the instrument, so its candles accrue only from now on.</param>
/// <param name="Released">The instrument key released to stay within <c>Candles:MaxInstrumentsPerSession</c>, if any.</param>
/// <param name="Note">The same in words.</param>
public sealed record CandleHoldingResponse(
    string Scope,
    string Mode,
    bool StartedNow,
    string? Released,
    string Note);
