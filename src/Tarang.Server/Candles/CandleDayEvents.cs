using Tarang.Dhan;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;
using Tarang.Market.Time;
using Tarang.Server.Sessions;

namespace Tarang.Server.Candles;

/// <summary>
/// Connects the candle store to the events that end or interrupt a day's candles. A new replay
/// epoch rolls them at once, and the feed stopping for lack of demand drops them. The feed
/// dropping while users still watch marks a gap, and a session's end drops its record of candle
/// requests.
/// </summary>
public sealed class CandleDayEvents(
    CandleStore store,
    CandleHolds holds,
    DhanFeed feed,
    SessionEvents sessionEvents,
    [FromKeyedServices(DhanServiceCollectionExtensions.ExchangeClockKey)] TimeProvider exchangeClock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.StateChanged += OnFeedStateChanged;
        sessionEvents.Ended += OnSessionEnded;
        if (exchangeClock is ReplayClock replay)
        {
            replay.EpochStarted += OnEpochStarted;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.StateChanged -= OnFeedStateChanged;
        sessionEvents.Ended -= OnSessionEnded;
        if (exchangeClock is ReplayClock replay)
        {
            replay.EpochStarted -= OnEpochStarted;
        }

        return Task.CompletedTask;
    }

    private void OnFeedStateChanged(object? sender, FeedStateChangedEventArgs args)
    {
        if (args.Current == FeedState.Idle)
        {
            store.Clear();
        }
        else if (args.Previous == FeedState.Live)
        {
            store.MarkGap();
        }
    }

    private void OnSessionEnded(object? sender, SessionEndedEventArgs args) => holds.Forget(args.SessionId);

    private void OnEpochStarted(object? sender, ReplayDayEventArgs args) => store.Roll();
}
