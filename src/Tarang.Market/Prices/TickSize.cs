using System.Diagnostics;
using System.Globalization;

namespace Tarang.Market.Prices;

/// <summary>
/// The minimum price step of an instrument in rupees, with a fast rounding of the feed's raw
/// float32 prices to that step. Stored as an integer number of units at a decimal scale
/// (₹0.05 is 5 units at scale 2), so rounding builds the <see cref="decimal"/> directly.
/// </summary>
public readonly record struct TickSize
{
    private const int MaxScale = 8;

    // Keeps steps × units inside a long, far above any price the exchanges quote.
    private const double MaxScaledUnits = 9e18;

    private static readonly double[] PowersOfTen = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

    private readonly long units;
    private readonly byte scale;

    private TickSize(long units, byte scale)
    {
        this.units = units;
        this.scale = scale;
    }

    /// <summary>₹0.01, the tick used for index values.</summary>
    public static TickSize OnePaisa { get; } = new(1, 2);

    /// <summary>The tick in rupees.</summary>
    public decimal Rupees => FromScaledUnits(units, scale);

    /// <summary>Creates a tick from a value in rupees (₹0.05 → 0.05).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or has more than 8 decimals.</exception>
    public static TickSize FromRupees(decimal rupees)
    {
        if (rupees <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rupees), rupees, "A tick size must be positive.");
        }

        if (!TryFromRupees(rupees, out var tick))
        {
            throw new ArgumentOutOfRangeException(nameof(rupees), rupees, "A tick size may have at most 8 decimals.");
        }

        return tick;
    }

    /// <summary>
    /// Creates a tick from Dhan's master value, which is in paise for equity and derivative rows
    /// (5 means ₹0.05, 0.25 means ₹0.0025).
    /// </summary>
    public static TickSize FromPaise(decimal paise) => FromRupees(paise / 100m);

    /// <summary>
    /// Creates a tick from a value in rupees, or returns false where <see cref="FromRupees"/> would
    /// throw (not positive, or more than 8 decimals).
    /// </summary>
    public static bool TryFromRupees(decimal rupees, out TickSize tick)
    {
        tick = default;
        if (rupees <= 0)
        {
            return false;
        }

        for (byte scale = 0; scale <= MaxScale; scale++)
        {
            var scaled = rupees * (decimal)PowersOfTen[scale];
            if (scaled == decimal.Truncate(scaled))
            {
                if (scaled > long.MaxValue)
                {
                    return false;
                }

                tick = new TickSize((long)scaled, scale);
                return true;
            }
        }

        return false;
    }

    /// <summary>Creates a tick from a value in paise, or returns false where <see cref="FromPaise"/> would throw.</summary>
    public static bool TryFromPaise(decimal paise, out TickSize tick) => TryFromRupees(paise / 100m, out tick);

    /// <summary>
    /// Rounds a raw feed price (float32 rupees, such as 364.70001220703125) to the nearest tick,
    /// halves away from zero. NaN and infinities give <see langword="null"/>.
    /// </summary>
    public decimal? Round(float raw) => Round((double)raw);

    /// <inheritdoc cref="Round(float)"/>
    public decimal? Round(double raw)
    {
        if (!double.IsFinite(raw))
        {
            return null;
        }

        Debug.Assert(units > 0, "A default TickSize has no units; create one with FromRupees or FromPaise.");
        var steps = Math.Round(raw * PowersOfTen[scale] / units, MidpointRounding.AwayFromZero);
        if (Math.Abs(steps) * units >= MaxScaledUnits)
        {
            return null;
        }

        return FromScaledUnits((long)steps * units, scale);
    }

    /// <summary>Rounds an exact decimal price to the nearest tick, halves away from zero.</summary>
    public decimal Round(decimal price)
    {
        var tick = Rupees;
        return decimal.Round(price / tick, 0, MidpointRounding.AwayFromZero) * tick;
    }

    /// <summary>Returns true when <paramref name="price"/> is a whole number of ticks.</summary>
    public bool IsOnTick(decimal price) => price % Rupees == 0;

    // Builds the decimal from its integer and scale, which costs far less than a decimal division.
    private static decimal FromScaledUnits(long scaledUnits, byte scale)
    {
        var negative = scaledUnits < 0;
        var magnitude = negative ? (ulong)-scaledUnits : (ulong)scaledUnits;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, scale);
    }

    /// <summary>Formats the tick in rupees (<c>0.05</c>).</summary>
    public override string ToString() => Rupees.ToString(CultureInfo.InvariantCulture);
}
