using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>The feed's state changed from <see cref="Previous"/> to <see cref="Status"/>'s state.</summary>
public sealed class FeedStateChangedEventArgs(FeedState previous, FeedStatus status) : EventArgs
{
    public FeedState Previous { get; } = previous;

    public FeedState Current => Status.State;

    public FeedStatus Status { get; } = status;
}
