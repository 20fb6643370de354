using Tarang.Market.Time;
using Tarang.Simulator.Replay;
using Tarang.Simulator.Synthetic;

namespace Tarang.Simulator.Feed;

/// <summary>What every feed connection shares: settings, clocks, the replay, the synthetic market and the request counters.</summary>
internal sealed record FeedContext(SimulatorOptions Options, ReplayClock Clock, TimeProvider WallClock, ReplayEngine Engine, SyntheticMarket? Synthetic, FeedRequestCounters Requests);
