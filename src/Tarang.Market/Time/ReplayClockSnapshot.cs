namespace Tarang.Market.Time;

/// <summary>The replay exchange clock at one moment.</summary>
/// <param name="Instant">The exchange instant, with the IST offset.</param>
/// <param name="Epoch">The epoch, counted from 1; it grows at each wrap to the first day.</param>
/// <param name="Speed">Exchange seconds per wall-clock second.</param>
/// <param name="Status">The market status at the instant.</param>
public sealed record ReplayClockSnapshot(DateTimeOffset Instant, int Epoch, double Speed, MarketStatus Status);
