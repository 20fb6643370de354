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

    /// <summary>
    /// Returns the time from <paramref name="now"/> to the expiry instant in years of 365 days.
    /// The value is zero or negative once the option has expired.
    /// </summary>
    /// <param name="expiryDate">The expiry date (IST calendar date).</param>
    /// <param name="now">The current instant from the exchange clock, never the wall clock.</param>
    public static double YearsToExpiry(DateOnly expiryDate, DateTimeOffset now) =>
        (ExpiryInstant(expiryDate) - now).TotalDays / DaysPerYear;
}
