namespace Tarang.Market.Instruments;

/// <summary>The side of an option contract, as the field writes it.</summary>
public enum OptionType
{
    /// <summary>Call (CE).</summary>
    CE,

    /// <summary>Put (PE).</summary>
    PE,
}
