namespace Tarang.Server.Apis.Market;

/// <summary>The data of <c>/api/market/live-data</c>: indices, and every other instrument under <c>stocks</c>.</summary>
public sealed record LiveMarketData(IReadOnlyList<MarketItem> Stocks, IReadOnlyList<MarketItem> Indices);
