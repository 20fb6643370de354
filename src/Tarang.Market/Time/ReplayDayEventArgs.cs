namespace Tarang.Market.Time;

/// <summary>A replay clock event on one trading day.</summary>
/// <param name="date">The IST trading date the event belongs to.</param>
/// <param name="epoch">The epoch the event happened in, counted from 1.</param>
/// <param name="instant">The exchange instant of the event, with the IST offset.</param>
public sealed class ReplayDayEventArgs(DateOnly date, int epoch, DateTimeOffset instant) : EventArgs
{
    public DateOnly Date { get; } = date;

    public int Epoch { get; } = epoch;

    public DateTimeOffset Instant { get; } = instant;
}
