using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>One upstream subscription: an instrument in one mode. The feed's limits count these pairs.</summary>
public readonly record struct FeedSubscription(InstrumentKey Instrument, FeedMode Mode)
{
    public override string ToString() => $"{Instrument}/{Mode}";
}
