using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>A previous-close packet (code 6): the previous session's close (float32 rupees) and OI.</summary>
public readonly record struct PreviousClosePacket(InstrumentKey Instrument, float PreviousClose, uint PreviousOpenInterest);
