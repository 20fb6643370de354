using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>A ticker packet (code 2) with its raw wire values.</summary>
/// <param name="Instrument">The segment (header byte 3) and security id (bytes 4–7).</param>
/// <param name="LastTradedPrice">LTP, float32 rupees as sent; round to the tick before use.</param>
/// <param name="LastTradeTime">LTT in seconds since 1970-01-01 00:00 IST (not UTC).</param>
public readonly record struct TickerPacket(InstrumentKey Instrument, float LastTradedPrice, uint LastTradeTime);
