using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>One upstream subscription and the number of holders that want it.</summary>
public sealed record HeldSubscription(InstrumentKey Instrument, FeedMode Mode, int Holders);
