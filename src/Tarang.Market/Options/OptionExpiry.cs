using Tarang.Market.Time;

namespace Tarang.Market.Options;

/// <summary>
/// The expiry instant of an NSE option and the time to it on a calendar basis, which is the
/// time input of <see cref="Black76"/> and <see cref="ImpliedVolatility"/>.
/// </summary>
public static class OptionExpiry
{
    /// <summary>Calendar days in a year of option time: weekends and holidays count.</summary>
    public const double DaysPerYear = 365;

    /// <summary>The IST time on the expiry date at which an option expires: the close of trading.</summary>
    public static TimeOnly ExpiryTimeIst { get; } = new(15, 30);

    /// <summary>Returns the instant the option expires, 15:30 IST on the expiry date, with an IST offset.</summary>
    public static DateTimeOffset ExpiryInstant(DateOnly expiryDate) => Ist.At(expiryDate, ExpiryTimeIst);

    /// <summary>The IST time from which a day's time to expiry is counted: the open of the normal session.</summary>
    public static TimeOnly DayStartIst { get; } = new(9, 15);

    /// <summary>
    /// Returns the time to expiry in years of 365 days, counted from 09:15 IST on the IST date of
    /// <paramref name="now"/> to 15:30 IST on the expiry date. The value stays the same through an
    /// IST day, so IVs do not drift while prices stand still after the close or over a weekend.
    /// It also matches the IVs of Dhan's option chain, a fit to two captures where the exact-instant
    /// count missed by 1.05 to 1.31 vol points at the median. Once <paramref name="now"/> reaches
    /// the expiry instant the value is zero or negative.
    /// </summary>
    /// <param name="expiryDate">The expiry date (IST calendar date).</param>
    /// <param name="now">The current instant from the exchange clock, never the wall clock.</param>
    public static double YearsToExpiry(DateOnly expiryDate, DateTimeOffset now)
    {
        var expiry = ExpiryInstant(expiryDate);
        if (now >= expiry)
        {
            return (expiry - now).TotalDays / DaysPerYear;
        }

        var dayStart = Ist.At(Ist.DateOf(now), DayStartIst);
        return (expiry - dayStart).TotalDays / DaysPerYear;
    }
}
