namespace Tarang.Server.Apis.Market;

/// <summary>
/// The legacy envelope of the market routes: <c>success</c>, the data, when the reply was made
/// (IST) and where the data came from: "simulator" (recorded days replayed), "synthetic" (the
/// simulator's random walk for load tests) or "dhan" (Dhan's live feed).
/// </summary>
public sealed record MarketResponse<T>(bool Success, T Data, DateTimeOffset Timestamp, string Source);
