using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>
/// A receiver of every update to a held instrument's latest values, such as the hub's registry.
/// It is called on the feed's decode task, one update at a time, so it must return quickly and
/// never block. It may keep the state it is given.
/// </summary>
public interface IMarketStateObserver
{
    void OnStateChanged(in MarketUpdate update, LatestValue state);
}
