namespace Tarang.Market.Options;

/// <summary>The implied volatility and Greeks of one option in a chain.</summary>
/// <param name="ImpliedVolatilityPercent">Annualised implied volatility in percent (20 means 20 %).</param>
/// <param name="Greeks">Black-76 Greeks at that volatility and the chain's forward.</param>
public readonly record struct OptionAnalytics(double ImpliedVolatilityPercent, OptionGreeks Greeks);
