namespace Tarang.Market.Instruments;

/// <summary>Converts <see cref="InstrumentKind"/> to and from Dhan's names (<c>OPTIDX</c>).</summary>
public static class InstrumentKinds
{
    private static readonly (InstrumentKind Kind, string Name)[] Names =
    [
        (InstrumentKind.Index, "INDEX"),
        (InstrumentKind.Equity, "EQUITY"),
        (InstrumentKind.FutureIndex, "FUTIDX"),
        (InstrumentKind.OptionIndex, "OPTIDX"),
        (InstrumentKind.FutureStock, "FUTSTK"),
        (InstrumentKind.OptionStock, "OPTSTK"),
        (InstrumentKind.FutureCommodity, "FUTCOM"),
        (InstrumentKind.OptionCommodityFuture, "OPTFUT"),
        (InstrumentKind.FutureCurrency, "FUTCUR"),
        (InstrumentKind.OptionCurrency, "OPTCUR"),
    ];

    /// <summary>Returns Dhan's name of the kind (<c>OPTIDX</c>).</summary>
    public static string ToDhanName(this InstrumentKind kind)
    {
        foreach (var (candidate, name) in Names)
        {
            if (candidate == kind)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Dhan instrument kind.");
    }

    /// <summary>Parses Dhan's name (<c>OPTIDX</c>), ignoring case and surrounding spaces.</summary>
    public static bool TryParseDhanName(ReadOnlySpan<char> name, out InstrumentKind kind)
    {
        name = name.Trim();
        foreach (var (candidate, text) in Names)
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Returns true for option contracts (<c>OPTIDX</c>, <c>OPTSTK</c>, <c>OPTFUT</c>, <c>OPTCUR</c>).</summary>
    public static bool IsOption(this InstrumentKind kind) => kind is
        InstrumentKind.OptionIndex or InstrumentKind.OptionStock or
        InstrumentKind.OptionCommodityFuture or InstrumentKind.OptionCurrency;

    /// <summary>Returns true for futures contracts.</summary>
    public static bool IsFuture(this InstrumentKind kind) => kind is
        InstrumentKind.FutureIndex or InstrumentKind.FutureStock or
        InstrumentKind.FutureCommodity or InstrumentKind.FutureCurrency;
}
