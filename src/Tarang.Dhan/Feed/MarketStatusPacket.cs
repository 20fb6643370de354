using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>A market-status packet (code 7). Dhan documents no payload, so only the header's instrument is kept.</summary>
public readonly record struct MarketStatusPacket(InstrumentKey Instrument);
