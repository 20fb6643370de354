using Tarang.Market.MarketData;

namespace Tarang.Server.Feed;

/// <summary>
/// How the feed follows logged-in users, bound from the <c>Feed</c> section next to the
/// connection's own settings. Durations are TimeSpan text (<c>00:00:30</c>).
/// </summary>
public sealed class FeedSupervisorOptions
{
    public const string SectionName = "Feed";

    /// <summary>Default <see cref="DisconnectGracePeriod"/>: 30 seconds after the last session ends.</summary>
    public static readonly TimeSpan DefaultDisconnectGracePeriod = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="ReconciliationInterval"/>: every 30 seconds.</summary>
    public static readonly TimeSpan DefaultReconciliationInterval = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="DefaultUniverseMode"/>: quote, which carries the day's OHLC and volume.</summary>
    public const FeedMode DefaultDefaultUniverseMode = FeedMode.Quote;

    /// <summary>
    /// The instruments held while any session is active when <see cref="DefaultUniverse"/> is not
    /// set: the main indices and six large NSE equities, by trading symbol.
    /// </summary>
    public static readonly IReadOnlyList<string> StandardUniverse =
    [
        "NIFTY 50", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "SENSEX", "INDIA VIX",
        "RELIANCE", "HDFCBANK", "INFY", "TCS", "ICICIBANK", "SBIN",
    ];

    /// <summary>How long the feed stays up after the last session ended. A login within it keeps the feed up.</summary>
    public TimeSpan DisconnectGracePeriod { get; set; } = DefaultDisconnectGracePeriod;

    /// <summary>How often the supervisor compares its sessions with the database's active ones.</summary>
    public TimeSpan ReconciliationInterval { get; set; } = DefaultReconciliationInterval;

    /// <summary>
    /// The default universe: trading symbols (<c>NIFTY 50</c>, <c>RELIANCE</c>) or instrument keys
    /// (<c>IDX_I:13</c>, <c>NSE_EQ:2885</c>). Null keeps <see cref="StandardUniverse"/>; an empty
    /// list holds nothing.
    /// </summary>
    public IList<string>? DefaultUniverse { get; set; }

    /// <summary>The mode the default universe is held in.</summary>
    public FeedMode DefaultUniverseMode { get; set; } = DefaultDefaultUniverseMode;
}
