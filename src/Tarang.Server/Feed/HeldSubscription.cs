using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>One instrument's upstream subscription: the highest mode held, and the number of holders of the instrument in any mode.</summary>
public sealed record HeldSubscription(InstrumentKey Instrument, FeedMode Mode, int Holders);
