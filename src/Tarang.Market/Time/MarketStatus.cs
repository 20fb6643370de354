namespace Tarang.Market.Time;

/// <summary>The state of the NSE cash and F&amp;O market at an instant.</summary>
public enum MarketStatus
{
    /// <summary>A trading day outside its pre-open and normal session, or a weekend.</summary>
    Closed,

    /// <summary>The pre-open call auction (09:00–09:15 IST on a normal day).</summary>
    PreOpen,

    /// <summary>The normal session (09:15–15:30 IST on a normal day).</summary>
    Open,

    /// <summary>An exchange holiday on a weekday.</summary>
    Holiday,
}
