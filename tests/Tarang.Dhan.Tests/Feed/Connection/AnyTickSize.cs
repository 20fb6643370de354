using Tarang.Market.Instruments;
using Tarang.Market.Prices;

namespace Tarang.Dhan.Tests.Feed.Connection;

/// <summary>Gives every instrument a tick of 5 paise, so tests need no instrument master.</summary>
internal sealed class AnyTickSize : ITickSizeLookup
{
    public bool TryGetTickSize(InstrumentKey instrument, out TickSize tickSize)
    {
        tickSize = TickSize.FromPaise(5);
        return true;
    }
}
