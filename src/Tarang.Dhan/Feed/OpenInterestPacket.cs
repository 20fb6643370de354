using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>An open-interest packet (code 5), sent beside quotes of derivatives. OI in contracts' units.</summary>
public readonly record struct OpenInterestPacket(InstrumentKey Instrument, uint OpenInterest);
