using Tarang.Market.Prices;

namespace Tarang.Market.Tests;

public class TickSizeTests
{
    [Fact]
    public void Round_RemovesFloat32Artefacts()
    {
        var tick = TickSize.FromPaise(5);

        Assert.Equal(364.70m, tick.Round(364.7f));
    }
}
