using Microsoft.Extensions.Logging;
using Tarang.Dhan.Credentials;
using Tarang.Market.Diagnostics;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// The house account's connection to Dhan's live feed: a pool of up to <c>Feed:MaxConnections</c>
/// WebSockets, the desired subscriptions per (instrument, mode), reconnects by Dhan's disconnect
/// reasons, a receive watchdog and token replacement. It connects only after
/// <see cref="StartAsync"/> and delivers decoded updates to the host's <see cref="IMarketUpdateSink"/>
/// from one consumer task, so the sink is never called concurrently.
/// </summary>
public sealed partial class DhanFeed : IAsyncDisposable
{
    private readonly FeedConnection[] connections;
    private readonly Dictionary<FeedSubscription, FeedConnection> assignments = [];
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private readonly ILogger logger;
    private readonly RateLimitedWarning malformedWarning;
    private readonly RateLimitedWarning unknownInstrumentsWarning;
    private FeedRun? run;
    private bool stopping;
    private FeedHalt? halt;
    private TaskCompletionSource credentialsChanged = NewSignal();
    private FeedState reportedState = FeedState.Idle;
    private FeedDisconnect? lastDisconnect;
    private int disposed;

    public DhanFeed(
        FeedOptions options,
        Uri feedUrl,
        HouseCredentialStore credentials,
        IMarketUpdateSink sink,
        ITickSizeLookup tickSizes,
        FeedClocks clocks,
        ILogger<DhanFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feedUrl);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(tickSizes);
        ArgumentNullException.ThrowIfNull(clocks);
        ArgumentNullException.ThrowIfNull(logger);

        var failures = new FeedOptionsValidator().Validate(null, options);
        if (failures.Failed)
        {
            throw new ArgumentException(failures.FailureMessage, nameof(options));
        }

        Options = options;
        FeedUrl = feedUrl;
        Credentials = credentials;
        Sink = sink;
        TickSizes = tickSizes;
        Clocks = clocks;
        this.logger = logger;
        malformedWarning = new RateLimitedWarning(clocks.WallClock);
        unknownInstrumentsWarning = new RateLimitedWarning(clocks.WallClock);
        Backoff = new FeedBackoff(options);
        connections = new FeedConnection[options.MaxConnections];
        for (var i = 0; i < connections.Length; i++)
        {
            connections[i] = new FeedConnection(this, i);
        }

        credentials.CredentialsReplaced += OnCredentialsReplaced;
    }

    /// <summary>
    /// Raised when <see cref="FeedStatus.State"/> changes, on the thread that changed it. Handlers
    /// must return quickly and must not throw.
    /// </summary>
    public event EventHandler<FeedStateChangedEventArgs>? StateChanged;

    /// <summary>Counts of sockets, timers, loops and dropped messages.</summary>
    public FeedCounters Counters { get; } = new();

    /// <summary>Counts of decoded packets and malformed input; written by the consumer task only.</summary>
    public FeedDecodeCounters DecodeCounters { get; } = new();

    internal FeedOptions Options { get; }

    internal Uri FeedUrl { get; }

    internal HouseCredentialStore Credentials { get; }

    internal IMarketUpdateSink Sink { get; }

    internal ITickSizeLookup TickSizes { get; }

    internal FeedClocks Clocks { get; }

    internal FeedBackoff Backoff { get; }

    internal Lock Sync { get; } = new();

    internal ILogger Logger => logger;

    /// <summary>
    /// Starts the pool: the first socket connects at once, further sockets when subscriptions fill
    /// the ones before them. Calling it again while started does nothing.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (Sync)
            {
                if (run is not null)
                {
                    return;
                }

                run = new FeedRun(Options.ReceiveQueueCapacity);
                var started = run;
                started.Consumer = Task.Run(() => ConsumeAsync(started), CancellationToken.None);
                foreach (var connection in connections)
                {
                    if (connection.Index == 0 || connection.HasDemand)
                    {
                        connection.StartLoop(started);
                    }
                }
            }

            Log.Starting(logger, Options.MaxConnections, FeedAddress.Redact(FeedUrl));
        }
        finally
        {
            lifecycle.Release();
        }

        ReportState();
    }

    /// <summary>
    /// Stops the pool: sends Dhan's disconnect request on every open socket, waits up to
    /// <c>Feed:DisconnectRequestTimeout</c> for the server to close, then closes and cancels any
    /// pending retry. The desired subscriptions are kept and sent again at the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            FeedRun? stopped;
            lock (Sync)
            {
                stopped = run;
                if (stopped is null)
                {
                    return;
                }

                stopping = true;
            }

            ReportState();
            await Task.WhenAll(connections.Select(c => c.SendDisconnectRequestAsync(cancellationToken))).ConfigureAwait(false);

            await stopped.Cancellation.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(connections.Select(c => c.LoopTask)).ConfigureAwait(false);

            // The loops are done, so nothing writes to the queue any more; the consumer returns the
            // buffers still queued to the pool.
            stopped.Queue.Writer.TryComplete();
            await stopped.Consumer.ConfigureAwait(false);
            stopped.Dispose();

            lock (Sync)
            {
                run = null;
                stopping = false;
            }

            Log.Stopped(logger);
        }
        finally
        {
            lifecycle.Release();
        }

        ReportState();
    }

    /// <summary>Returns a snapshot of the feed's state, sockets and subscriptions.</summary>
    public FeedStatus GetStatus()
    {
        lock (Sync)
        {
            return BuildStatus();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        Credentials.CredentialsReplaced -= OnCredentialsReplaced;
        lifecycle.Dispose();
        foreach (var connection in connections)
        {
            connection.Dispose();
        }
    }

    internal bool IsStopping
    {
        get
        {
            lock (Sync)
            {
                return stopping;
            }
        }
    }

    /// <summary>Raises <see cref="StateChanged"/> when the aggregate state differs from the last one reported.</summary>
    internal void ReportState()
    {
        FeedStatus status;
        FeedState previous;
        lock (Sync)
        {
            status = BuildStatus();
            previous = reportedState;
            if (previous == status.State)
            {
                return;
            }

            reportedState = status.State;
        }

        Log.StateChanged(logger, previous, status.State);
        StateChanged?.Invoke(this, new FeedStateChangedEventArgs(previous, status));
    }

    internal void RecordDisconnect(FeedDisconnect disconnect)
    {
        lock (Sync)
        {
            lastDisconnect = disconnect;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FeedStatus BuildStatus()
    {
        var sockets = new FeedConnectionStatus[connections.Length];
        var subscribed = 0;
        for (var i = 0; i < connections.Length; i++)
        {
            sockets[i] = connections[i].BuildStatus();
            subscribed += sockets[i].Subscribed;
        }

        return new FeedStatus
        {
            State = AggregateState(sockets),
            Connections = sockets,
            Desired = assignments.Count,
            Subscribed = subscribed,
            LastDisconnect = lastDisconnect,
        };
    }

    private FeedState AggregateState(FeedConnectionStatus[] sockets)
    {
        if (stopping)
        {
            return FeedState.Stopping;
        }

        if (run is null)
        {
            return FeedState.Idle;
        }

        if (halt is not null)
        {
            return halt.State;
        }

        // The worst socket sets the feed's state: one socket backing off means some data is missing.
        var inUse = sockets.Where(s => s.State != FeedState.Idle).Select(s => s.State).ToList();
        foreach (var state in (ReadOnlySpan<FeedState>)[FeedState.BackingOff, FeedState.Connecting, FeedState.Silent])
        {
            if (inUse.Contains(state))
            {
                return state;
            }
        }

        return inUse.Contains(FeedState.Live) ? FeedState.Live : FeedState.Connecting;
    }
}
