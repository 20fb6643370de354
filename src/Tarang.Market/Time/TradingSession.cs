namespace Tarang.Market.Time;

/// <summary>The trading hours of one day in IST: the pre-open auction, then the normal session.</summary>
public sealed record TradingSession(DateOnly Date, TimeOnly PreOpenStart, TimeOnly Open, TimeOnly Close)
{
    /// <summary>The pre-open start of a normal NSE day, 09:00 IST.</summary>
    public static readonly TimeOnly NormalPreOpenStart = new(9, 0);

    /// <summary>The open of a normal NSE day, 09:15 IST.</summary>
    public static readonly TimeOnly NormalOpen = new(9, 15);

    /// <summary>The close of a normal NSE day, 15:30 IST.</summary>
    public static readonly TimeOnly NormalClose = new(15, 30);

    /// <summary>The pre-open start as an instant.</summary>
    public DateTimeOffset PreOpenStartInstant => Ist.At(Date, PreOpenStart);

    /// <summary>The open as an instant.</summary>
    public DateTimeOffset OpenInstant => Ist.At(Date, Open);

    /// <summary>The close as an instant.</summary>
    public DateTimeOffset CloseInstant => Ist.At(Date, Close);

    /// <summary>Returns a normal 09:00 / 09:15 / 15:30 session on the date.</summary>
    public static TradingSession Normal(DateOnly date) => new(date, NormalPreOpenStart, NormalOpen, NormalClose);
}
