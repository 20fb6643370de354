using Microsoft.Extensions.Logging;
using Tarang.Market.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Rest;

internal sealed record DhanRestContext(
    SimulatorOptions Options,
    ReplayClock Clock,
    TimeProvider WallClock,
    ReplayEngine Engine,
    InstrumentCatalog Catalog,
    ILogger Logger)
{
    public RequestRateLimiter RateLimiter { get; } = new(WallClock);
}
