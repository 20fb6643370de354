using System.Runtime.CompilerServices;

namespace Tarang.Market.MarketData;

/// <summary>Five levels of the order book, best first, stored inline.</summary>
[InlineArray(Levels)]
public struct MarketDepth
{
    /// <summary>The number of levels Dhan's full packet carries.</summary>
    public const int Levels = 5;

    private DepthLevel level;
}
