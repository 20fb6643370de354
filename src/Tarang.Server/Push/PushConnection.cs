using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;

namespace Tarang.Server.Push;

/// <summary>
/// One hub connection: what it subscribes, and its outbound queue. The queue conflates, so it
/// contains at most the latest snapshot per subscribed instrument, the latest feed state and a
/// closing reason. Its size is bounded by the subscription limit however slowly the client reads. The feed
/// task adds to it; the connection's own send loop takes batches from it.
/// </summary>
public sealed class PushConnection
{
    private readonly Lock sync = new();
    private readonly Dictionary<InstrumentKey, FeedMode> subscriptions = [];
    private readonly Dictionary<InstrumentKey, MarketSnapshot> pending = [];
    private readonly Queue<InstrumentKey> order = new();
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FeedStateMessage? pendingFeedState;
    private ClosingMessage? closing;

    public PushConnection(string id, Guid sessionId, string token, HubCallerContext context)
    {
        Id = id;
        SessionId = sessionId;
        Token = token;
        Context = context;
        Holder = MarketHolder.ForSession(sessionId, $"hub:{id}");
    }

    public string Id { get; }

    public Guid SessionId { get; }

    /// <summary>The session token the connection authenticated with, to count its invocations as activity.</summary>
    public string Token { get; }

    public HubCallerContext Context { get; }

    /// <summary>The holder of the connection's subscriptions in <see cref="MarketSubscriptions"/>.</summary>
    public MarketHolder Holder { get; }

    /// <summary>Updates replaced by a newer one for the same instrument before they were sent.</summary>
    public long Conflated { get; private set; }

    /// <summary>Snapshots waiting to be sent.</summary>
    public int Pending
    {
        get
        {
            lock (sync)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>The number of instruments subscribed.</summary>
    public int SubscriptionCount
    {
        get
        {
            lock (sync)
            {
                return subscriptions.Count;
            }
        }
    }

    /// <summary>True once a closing reason is set; nothing more is queued.</summary>
    public bool IsClosing
    {
        get
        {
            lock (sync)
            {
                return closing is not null;
            }
        }
    }

    internal ChannelReader<bool> Signal => signal.Reader;

    /// <summary>Completes when SignalR has finished with the connection and the registry removed it.</summary>
    internal Task Removed => removed.Task;

    /// <summary>Returns the instruments subscribed now, and their modes.</summary>
    public IReadOnlyDictionary<InstrumentKey, FeedMode> GetSubscriptions()
    {
        lock (sync)
        {
            return new Dictionary<InstrumentKey, FeedMode>(subscriptions);
        }
    }

    internal void SetSubscriptions(IEnumerable<InstrumentKey> instruments, FeedMode mode)
    {
        lock (sync)
        {
            foreach (var instrument in instruments)
            {
                subscriptions[instrument] = mode;
            }
        }
    }

    internal void RemoveSubscriptions(IEnumerable<InstrumentKey> instruments)
    {
        lock (sync)
        {
            foreach (var instrument in instruments)
            {
                subscriptions.Remove(instrument);
                pending.Remove(instrument);
            }
        }
    }

    /// <summary>Queues the instrument's latest snapshot, replacing one not yet sent. Returns false when it replaced one.</summary>
    internal bool Enqueue(InstrumentKey instrument, MarketSnapshot snapshot)
    {
        var fresh = true;
        lock (sync)
        {
            if (closing is not null || !subscriptions.ContainsKey(instrument))
            {
                return true;
            }

            if (pending.ContainsKey(instrument))
            {
                fresh = false;
                Conflated++;
            }
            else
            {
                order.Enqueue(instrument);
            }

            pending[instrument] = snapshot;
        }

        signal.Writer.TryWrite(true);
        return fresh;
    }

    internal void EnqueueFeedState(FeedStateMessage message)
    {
        lock (sync)
        {
            if (closing is not null)
            {
                return;
            }

            pendingFeedState = message;
        }

        signal.Writer.TryWrite(true);
    }

    /// <summary>Asks the send loop to send the reason and close; returns false when already closing.</summary>
    internal bool Close(string reason)
    {
        lock (sync)
        {
            if (closing is not null)
            {
                return false;
            }

            closing = new ClosingMessage(reason);
            pending.Clear();
            order.Clear();
            pendingFeedState = null;
        }

        signal.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Takes what is due: the feed state, up to <paramref name="maxBatch"/> snapshots in first-queued order, or the closing reason.</summary>
    internal Outbound Take(int maxBatch)
    {
        lock (sync)
        {
            if (closing is not null)
            {
                return new Outbound(null, [], closing);
            }

            var feedState = pendingFeedState;
            pendingFeedState = null;
            var count = Math.Min(maxBatch, order.Count);
            var batch = new List<MarketSnapshot>(count);
            while (batch.Count < maxBatch && order.TryDequeue(out var instrument))
            {
                if (pending.Remove(instrument, out var snapshot))
                {
                    batch.Add(snapshot);
                }
            }

            return new Outbound(feedState, batch, null);
        }
    }

    internal void Complete()
    {
        signal.Writer.TryComplete();
        removed.TrySetResult();
    }

    internal readonly record struct Outbound(FeedStateMessage? FeedState, List<MarketSnapshot> Snapshots, ClosingMessage? Closing)
    {
        public bool IsEmpty => FeedState is null && Snapshots.Count == 0 && Closing is null;
    }
}
