using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;

namespace Tarang.Server.LiveData;

/// <summary>
/// Records when the feed entered its current state, for <c>/api/market/feed-status</c>. Until the
/// first change the feed has been <see cref="FeedState.Idle"/> since the server started.
/// </summary>
public sealed class FeedStateHistory(DhanFeed feed, TimeProvider wallClock) : IHostedService
{
    private readonly Lock sync = new();
    private FeedState state = FeedState.Idle;
    private DateTimeOffset since = wallClock.GetUtcNow();

    /// <summary>The feed's state and when it entered it (UTC, by the wall clock).</summary>
    public (FeedState State, DateTimeOffset Since) Current
    {
        get
        {
            var now = feed.GetStatus().State;
            lock (sync)
            {
                // A change whose event has not run yet is reported from now, not from an older instant.
                return now == state ? (state, since) : (now, wallClock.GetUtcNow());
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.StateChanged += OnStateChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.StateChanged -= OnStateChanged;
        return Task.CompletedTask;
    }

    private void OnStateChanged(object? sender, FeedStateChangedEventArgs e)
    {
        lock (sync)
        {
            state = e.Current;
            since = wallClock.GetUtcNow();
        }
    }
}
