using System.Diagnostics.CodeAnalysis;

namespace Tarang.Market.Instruments;

/// <summary>
/// Converts exchange segments between Dhan's string names (<c>NSE_EQ</c>), their numeric wire
/// codes and the (exchange, segment letter) pair of the instrument master.
/// </summary>
public static class ExchangeSegments
{
    /// <summary>Every segment Dhan defines, in wire-code order.</summary>
    public static IReadOnlyList<ExchangeSegment> All { get; } =
    [
        ExchangeSegment.IdxI, ExchangeSegment.NseEq, ExchangeSegment.NseFno, ExchangeSegment.NseCurrency,
        ExchangeSegment.BseEq, ExchangeSegment.McxComm, ExchangeSegment.BseCurrency, ExchangeSegment.BseFno,
    ];

    /// <summary>Returns Dhan's string name of the segment, as used in JSON requests.</summary>
    public static string ToDhanName(this ExchangeSegment segment) => segment switch
    {
        ExchangeSegment.IdxI => "IDX_I",
        ExchangeSegment.NseEq => "NSE_EQ",
        ExchangeSegment.NseFno => "NSE_FNO",
        ExchangeSegment.NseCurrency => "NSE_CURRENCY",
        ExchangeSegment.BseEq => "BSE_EQ",
        ExchangeSegment.McxComm => "MCX_COMM",
        ExchangeSegment.BseCurrency => "BSE_CURRENCY",
        ExchangeSegment.BseFno => "BSE_FNO",
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "Not a Dhan exchange segment."),
    };

    /// <summary>Parses Dhan's string name (<c>NSE_EQ</c>), ignoring case.</summary>
    public static bool TryParseDhanName(ReadOnlySpan<char> name, out ExchangeSegment segment)
    {
        foreach (var candidate in All)
        {
            if (name.Equals(candidate.ToDhanName(), StringComparison.OrdinalIgnoreCase))
            {
                segment = candidate;
                return true;
            }
        }

        segment = default;
        return false;
    }

    /// <summary>Returns true when <paramref name="code"/> is a segment code Dhan defines (0–5, 7, 8).</summary>
    public static bool IsDefined(byte code) => code <= 8 && code != 6;

    /// <summary>
    /// Maps the instrument master's exchange id (<c>NSE</c>, <c>BSE</c>, <c>MCX</c>) and segment letter
    /// (E equity, D derivative, I index, C currency, M commodity) to a segment. NSE commodity rows
    /// (<c>NSE</c>, <c>M</c>) have no segment in Dhan's feed enum and map to none.
    /// </summary>
    public static bool TryFromMaster(string exchange, string segmentLetter, [NotNullWhen(true)] out ExchangeSegment? segment)
    {
        segment = (exchange.Trim().ToUpperInvariant(), segmentLetter.Trim().ToUpperInvariant()) switch
        {
            (_, "I") => ExchangeSegment.IdxI,
            ("NSE", "E") => ExchangeSegment.NseEq,
            ("NSE", "D") => ExchangeSegment.NseFno,
            ("NSE", "C") => ExchangeSegment.NseCurrency,
            ("BSE", "E") => ExchangeSegment.BseEq,
            ("BSE", "D") => ExchangeSegment.BseFno,
            ("BSE", "C") => ExchangeSegment.BseCurrency,
            ("MCX", "M") => ExchangeSegment.McxComm,
            _ => null,
        };
        return segment is not null;
    }
}
