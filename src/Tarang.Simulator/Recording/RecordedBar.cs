namespace Tarang.Simulator.Recording;

/// <summary>One recorded OHLC bar; prices in rupees, volume in shares (0 for indices).</summary>
/// <param name="Start">The bar's start, with the IST offset.</param>
/// <param name="Interval">The bar's length: one minute, or fifteen for the TCS series.</param>
/// <param name="Open">The first traded price of the bar.</param>
/// <param name="High">The highest traded price of the bar.</param>
/// <param name="Low">The lowest traded price of the bar.</param>
/// <param name="Close">The last traded price of the bar.</param>
/// <param name="Volume">Shares traded in the bar; 0 for indices.</param>
public readonly record struct RecordedBar(
    DateTimeOffset Start,
    TimeSpan Interval,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    long Volume)
{
    /// <summary>The instant the bar ends, which is the next bar's start.</summary>
    public DateTimeOffset End => Start + Interval;
}
