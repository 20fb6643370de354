using Tarang.Market.Instruments;

namespace Tarang.Market.Prices;

/// <summary>Finds an instrument's tick size; instruments missing from the master have none.</summary>
public interface ITickSizeLookup
{
    bool TryGetTickSize(InstrumentKey instrument, out TickSize tickSize);
}
