using System.Globalization;

namespace Tarang.Market.Instruments;

/// <summary>
/// Identifies an instrument: Dhan security ids are unique only within an exchange segment
/// (13 is NIFTY in <c>IDX_I</c> and ABB in <c>NSE_EQ</c>), so the key is the pair.
/// </summary>
public readonly record struct InstrumentKey(ExchangeSegment Segment, uint SecurityId)
{
    /// <summary>Formats the key as <c>NSE_EQ:1333</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Segment.ToDhanName()}:{SecurityId}");

    /// <summary>Parses <c>NSE_EQ:1333</c>; returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out InstrumentKey key)
    {
        key = default;
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        if (!ExchangeSegments.TryParseDhanName(text[..colon], out var segment))
        {
            return false;
        }

        if (!uint.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var securityId))
        {
            return false;
        }

        key = new InstrumentKey(segment, securityId);
        return true;
    }
}
