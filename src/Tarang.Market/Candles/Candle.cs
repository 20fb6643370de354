namespace Tarang.Market.Candles;

/// <summary>
/// One OHLC bar of trades, with prices in rupees and volume in shares. The volume is 0 for indices,
/// whose quote packets carry a volume of 0. It is null when only ticker packets, which carry no
/// volume, came.
/// </summary>
/// <param name="Start">The bar's first instant, with the IST offset.</param>
/// <param name="Open">The first traded price of the bar.</param>
/// <param name="High">The highest traded price of the bar.</param>
/// <param name="Low">The lowest traded price of the bar.</param>
/// <param name="Close">The last traded price of the bar.</param>
/// <param name="Volume">Shares traded in the bar, or null when no packet of the bar carried the day's volume.</param>
/// <param name="IsPartial">
/// True when trades of the bar may be missing: the server started or resumed receiving the
/// instrument during the bar, so earlier trades of that minute were not seen.
/// </param>
public readonly record struct Candle(
    DateTimeOffset Start,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    long? Volume,
    bool IsPartial);
