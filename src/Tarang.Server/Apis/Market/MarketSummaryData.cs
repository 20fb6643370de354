namespace Tarang.Server.Apis.Market;

/// <summary>
/// The data of <c>/api/market/summary</c>: the counts, every index, and at most
/// <see cref="MaxTopStocks"/> stocks in the universe's order, as the old system sent them.
/// </summary>
public sealed record MarketSummaryData(MarketSummary Summary, IReadOnlyList<MarketItem> Indices, IReadOnlyList<MarketItem> TopStocks, DateTimeOffset Timestamp)
{
    /// <summary>The maximum number of stocks in <see cref="TopStocks"/>, the old system's limit.</summary>
    public const int MaxTopStocks = 8;
}

/// <summary>
/// Counts over the stocks (every listed instrument that is not an index). A gainer's change is
/// above zero and a loser's is below zero. Neither count includes an unchanged stock or one
/// without a change (no LTP or previous close yet). The top gainer and top loser are by change percent.
/// </summary>
public sealed record MarketSummary(
    int TotalStocks,
    int Gainers,
    int Losers,
    int Unchanged,
    int WithoutChange,
    MarketItem? TopGainer,
    MarketItem? TopLoser);
