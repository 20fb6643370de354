using Tarang.Market.Time;
using Tarang.Simulator.Control;

namespace Tarang.Server.Candles;

/// <summary>
/// The trading day the exchange clock is on: its IST date and, for a replay, its epoch, because a
/// replay that loops over one recorded day repeats the date in each epoch.
/// </summary>
public readonly record struct ExchangeDay(DateOnly Date, int Epoch)
{
    /// <summary>Reads the day from the exchange clock; a clock that is not a replay has epoch 0.</summary>
    public static ExchangeDay Read(TimeProvider exchangeClock)
    {
        ArgumentNullException.ThrowIfNull(exchangeClock);
        switch (exchangeClock)
        {
            case ReplayClock replay:
                var snapshot = replay.GetSnapshot();
                return new ExchangeDay(Ist.DateOf(snapshot.Instant), snapshot.Epoch);
            case ExchangeClockFollower follower:
                var epoch = follower.Epoch;
                return new ExchangeDay(Ist.DateOf(follower.GetUtcNow()), epoch);
            default:
                return new ExchangeDay(Ist.DateOf(exchangeClock.GetUtcNow()), 0);
        }
    }
}
