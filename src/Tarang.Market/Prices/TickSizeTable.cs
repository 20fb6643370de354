using System.Collections.Frozen;
using Tarang.Market.Instruments;

namespace Tarang.Market.Prices;

/// <summary>An immutable map of instruments to tick sizes, read without locks from any thread.</summary>
public sealed class TickSizeTable(IEnumerable<KeyValuePair<InstrumentKey, TickSize>> ticks) : ITickSizeLookup
{
    private readonly FrozenDictionary<InstrumentKey, TickSize> ticks = ticks.ToFrozenDictionary();

    public int Count => ticks.Count;

    public bool TryGetTickSize(InstrumentKey instrument, out TickSize tickSize) => ticks.TryGetValue(instrument, out tickSize);
}
