using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>
/// Told of every update to a held instrument's latest values: the hub's dispatcher and the
/// candle builder. Called on the feed's decode task, one update at a time, so an observer must
/// return quickly and never block; it may keep the state it is given.
/// </summary>
public interface IMarketStateObserver
{
    void OnStateChanged(in MarketUpdate update, LatestValue state);
}
