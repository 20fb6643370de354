using Tarang.Market.Candles;
using Tarang.Market.Instruments;
using Tarang.Market.Time;

namespace Tarang.Server.Candles;

/// <summary>One instrument's 1-minute candles of the exchange's current trading day, as read from the store.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="AsOf">The exchange clock's time of the read, in IST.</param>
/// <param name="Day">The trading day by the exchange clock.</param>
/// <param name="Session">The day's session hours, whose open anchors the minutes.</param>
/// <param name="Candles">The candles, oldest first; the last one is still forming while its minute lasts.</param>
/// <param name="LastTradeTime">The LTT of the last trade in the candles, or null before the first.</param>
/// <param name="ReceivedAt">When the server received that trade, by the wall clock (UTC).</param>
/// <param name="IsTracked">False when the store has no candles of the instrument today.</param>
public sealed record InstrumentCandles(
    InstrumentKey Instrument,
    DateTimeOffset AsOf,
    ExchangeDay Day,
    TradingSession Session,
    IReadOnlyList<Candle> Candles,
    DateTimeOffset? LastTradeTime,
    DateTimeOffset? ReceivedAt,
    bool IsTracked);
