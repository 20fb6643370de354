using Microsoft.Extensions.Logging;
using Tarang.Market.Time;
using Tarang.Simulator.Feed;
using Tarang.Simulator.Synthetic;

namespace Tarang.Simulator.Control;

internal sealed record ControlContext(
    SimulatorOptions Options,
    ReplayClock Clock,
    FeedConnectionRegistry Registry,
    FeedRequestCounters Requests,
    HandshakeControl Handshake,
    SyntheticMarket? Synthetic,
    ILogger Logger);
