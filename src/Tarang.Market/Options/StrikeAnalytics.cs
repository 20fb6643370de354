namespace Tarang.Market.Options;

/// <summary>The analytics of one strike's call and put; a side is null when it gives no IV.</summary>
/// <param name="Strike">The strike in rupees.</param>
/// <param name="Call">The call (CE), or null when its quote is missing, zero or stale or no volatility fits.</param>
/// <param name="Put">The put (PE), or null when its quote is missing, zero or stale or no volatility fits.</param>
public sealed record StrikeAnalytics(decimal Strike, OptionAnalytics? Call, OptionAnalytics? Put);
