namespace Tarang.Market.Options;

/// <summary>One strike of an option chain with its call and put quotes, either of which may be missing.</summary>
/// <param name="Strike">The strike in rupees.</param>
/// <param name="Call">The call (CE) quote, or null when the chain has none.</param>
/// <param name="Put">The put (PE) quote, or null when the chain has none.</param>
public sealed record StrikeQuotes(decimal Strike, OptionQuote? Call, OptionQuote? Put);
