namespace Tarang.Market.Options;

/// <summary>Where an <see cref="ImpliedForward"/> came from.</summary>
public enum ForwardSource
{
    /// <summary>Put–call parity at one strike: F = K + C − P.</summary>
    PutCallParity,

    /// <summary>The underlying's price, because no strike had a usable call and put.</summary>
    UnderlyingPrice,
}
