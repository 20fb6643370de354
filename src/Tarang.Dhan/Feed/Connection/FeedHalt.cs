using Tarang.Dhan.Credentials;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>The feed waits for new credentials because Dhan rejected or expired <see cref="Credentials"/>.</summary>
internal sealed record FeedHalt(FeedState State, DhanCredentials Credentials, FeedDisconnect Cause);
