namespace Tarang.Server.Options;

/// <summary>The source of market data.</summary>
public enum MarketSource
{
    /// <summary>The simulator replaying recorded NSE days: embedded on a loopback port, or a standalone one at <c>Dhan:FeedUrl</c>.</summary>
    Simulator,

    /// <summary>Dhan's real endpoints with the house credentials.</summary>
    Dhan,
}
