namespace Tarang.Server.Apis.Market;

/// <summary>
/// The data of <c>/api/market/feed-status</c>: what a user may know of the shared feed. Counts,
/// the last update and the sample cover the default universe only, never what other users hold.
/// </summary>
public sealed record MarketFeedStatus(
    string State,
    DateTimeOffset Since,
    bool IsConnected,
    string MarketStatus,
    DateTimeOffset ExchangeTime,
    int StockCount,
    int IndicesCount,
    DateTimeOffset? LastUpdate,
    MarketFeedSample SampleData);

/// <summary>The first stocks (up to 3) and indices (up to 2) of the default universe that have data.</summary>
public sealed record MarketFeedSample(IReadOnlyList<MarketItem> Stocks, IReadOnlyList<MarketItem> Indices);
