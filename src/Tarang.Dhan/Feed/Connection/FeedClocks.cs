namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// The two clocks of the feed. The wall clock drives backoff, timeouts and the watchdog's timers.
/// The exchange clock, read against the NSE calendar, gives the market status, which decides
/// whether silence on a socket is a fault. With real Dhan both are the system clock.
/// </summary>
public sealed class FeedClocks(TimeProvider wallClock, TimeProvider exchangeClock, Tarang.Market.Time.NseCalendar calendar)
{
    public TimeProvider WallClock { get; } = wallClock ?? throw new ArgumentNullException(nameof(wallClock));

    public TimeProvider ExchangeClock { get; } = exchangeClock ?? throw new ArgumentNullException(nameof(exchangeClock));

    public Tarang.Market.Time.NseCalendar Calendar { get; } = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>Returns true when the exchange clock is inside the normal session.</summary>
    public bool IsMarketOpen() => Calendar.GetStatus(ExchangeClock.GetUtcNow()) == Tarang.Market.Time.MarketStatus.Open;
}
