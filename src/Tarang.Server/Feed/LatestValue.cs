using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>
/// The latest values of one instrument: each field as last sent by the feed, so a ticker packet
/// after a quote packet updates LTP and LTT and keeps the quote's volume. Fields no packet carried
/// yet are null.
/// </summary>
public sealed record LatestValue
{
    /// <summary>The merged fields; <see cref="MarketUpdate.Kind"/> is the kind of the last packet.</summary>
    public required MarketUpdate Values { get; init; }

    /// <summary>When the server received the last packet, by the wall clock (UTC).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Packets received for the instrument since it was first held.</summary>
    public required long Updates { get; init; }

    /// <summary>True while the feed is down although someone holds the instrument.</summary>
    public required bool IsStale { get; init; }
}
