using System.Threading.Channels;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>What one Start–Stop span of the feed owns: its cancellation, its decode queue and the consumer task.</summary>
internal sealed class FeedRun : IDisposable
{
    public FeedRun(int queueCapacity)
    {
        // One reader, the consumer. The receive loops write with TryWrite, so they never wait on it.
        Queue = Channel.CreateBounded<FeedMessage>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public CancellationTokenSource Cancellation { get; } = new();

    public CancellationToken Token => Cancellation.Token;

    public Channel<FeedMessage> Queue { get; }

    public Task Consumer { get; set; } = Task.CompletedTask;

    public void Dispose() => Cancellation.Dispose();
}
