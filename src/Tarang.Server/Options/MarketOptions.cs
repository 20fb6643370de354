namespace Tarang.Server.Options;

/// <summary>Where market data comes from (section <c>Market</c>).</summary>
public sealed class MarketOptions
{
    public const string SectionName = "Market";

    /// <summary>
    /// <see cref="MarketSource.Simulator"/> (the default, and the only mode without Dhan
    /// credentials) or <see cref="MarketSource.Dhan"/>.
    /// </summary>
    public MarketSource Source { get; set; } = MarketSource.Simulator;
}
