namespace Tarang.Market.Options;

/// <summary>
/// The price of one option contract as the chain analytics take it, with the caller's verdict
/// on whether the price is current.
/// </summary>
/// <param name="Price">The price in rupees, normally the LTP. Zero means no price.</param>
/// <param name="IsStale">
/// True when the price does not reflect the current session, so it gives no IV and no forward.
/// The source sets it, because only the source can tell when the price last changed. Set it when the
/// contract has not traded in the current session (a Dhan option chain row with volume 0 carries
/// an LTP from an earlier day), or when the feed has not updated the price within the source's
/// own freshness limit.
/// </param>
public readonly record struct OptionQuote(decimal Price, bool IsStale = false)
{
    /// <summary>True when the price is positive and not stale, so it can give an IV.</summary>
    public bool IsUsable => Price > 0 && !IsStale;
}
