namespace Tarang.Market.Options;

/// <summary>
/// The forward price of the underlying for one expiry, taken from put–call parity at zero rate
/// (F = K + C − P) at the strike nearest the money, and the source it came from.
/// </summary>
/// <param name="Price">The forward in rupees.</param>
/// <param name="Source">Put–call parity at <paramref name="Strike"/>, or the underlying's price.</param>
/// <param name="Strike">The strike whose call and put gave the forward; null for the underlying's price.</param>
public readonly record struct ImpliedForward(decimal Price, ForwardSource Source, decimal? Strike)
{
    /// <summary>
    /// Finds the forward of a chain. Strikes are tried in order of distance from the underlying's
    /// price (the lower strike first on a tie), and the first one whose call and put are both
    /// usable (positive and not stale) and give a positive forward is used. With no such strike
    /// the underlying's price is the forward. Returns <see langword="null"/> when there is no
    /// such strike and the underlying's price is not positive.
    /// </summary>
    /// <param name="underlyingPrice">The underlying's price (LTP) in rupees.</param>
    /// <param name="strikes">The chain's strikes in any order.</param>
    public static ImpliedForward? FromChain(decimal underlyingPrice, IReadOnlyList<StrikeQuotes> strikes)
    {
        ArgumentNullException.ThrowIfNull(strikes);

        var byDistance = strikes
            .Where(row => row.Strike > 0)
            .OrderBy(row => Math.Abs(row.Strike - underlyingPrice))
            .ThenBy(row => row.Strike);

        foreach (var row in byDistance)
        {
            if (row.Call is not { IsUsable: true } call || row.Put is not { IsUsable: true } put)
            {
                continue;
            }

            var forward = row.Strike + call.Price - put.Price;
            if (forward > 0)
            {
                return new ImpliedForward(forward, ForwardSource.PutCallParity, row.Strike);
            }
        }

        return underlyingPrice > 0
            ? new ImpliedForward(underlyingPrice, ForwardSource.UnderlyingPrice, null)
            : null;
    }
}
