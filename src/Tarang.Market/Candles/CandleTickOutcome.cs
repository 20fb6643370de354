namespace Tarang.Market.Candles;

/// <summary>What <see cref="MinuteCandleBuilder.Add"/> did with one update.</summary>
public enum CandleTickOutcome
{
    /// <summary>The trade went into a candle.</summary>
    Added,

    /// <summary>The update carries no trade: no LTP (a 0 price is no trade), or no LTT.</summary>
    NoTrade,

    /// <summary>The LTT falls on another IST date than the builder's session.</summary>
    OtherDay,

    /// <summary>The LTT is at or after the session's close, so no candle of the session contains it.</summary>
    AfterClose,

    /// <summary>The LTT is older than the last trade's, as in a late or out-of-order packet.</summary>
    OlderThanLast,

    /// <summary>
    /// The same trade again: the LTT and the LTP equal the last trade's and the day's volume did
    /// not grow, as in the snapshot Dhan sends after a subscribe.
    /// </summary>
    Repeat,
}
