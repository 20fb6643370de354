using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;
using Tarang.Server.Sessions;

namespace Tarang.Server.Push;

/// <summary>
/// The open hub connections and who subscribes what. As the feed's observer it turns each update
/// into one snapshot and queues it on every connection that subscribes the instrument. Each
/// connection has its own send loop, so a slow client only ever waits for itself. A send that the
/// client does not read within <see cref="PushOptions.StalledClientTimeout"/> closes that connection.
/// Feed state changes go to every connection; a session's end closes its connections.
/// </summary>
public sealed partial class PushRegistry : IMarketStateObserver, IDisposable
{
    private const string MarketUpdatesEvent = "marketUpdates";
    private const string FeedStateEvent = "feedState";
    private const string ClosingEvent = "closing";

    private readonly IHubContext<MarketHub> hub;
    private readonly MarketState marketState;
    private readonly DhanFeed feed;
    private readonly SessionEvents sessionEvents;
    private readonly PushOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<PushRegistry> logger;
    private readonly Meter meter;
    private readonly Counter<long> sentUpdates;
    private readonly Counter<long> conflatedUpdates;
    private readonly Counter<long> closedConnections;
    private readonly ConcurrentDictionary<string, (PushConnection Connection, Task SendLoop)> connections = new();
    private readonly Lock indexSync = new();
    private readonly Lock addSync = new();
    private readonly ConcurrentDictionary<InstrumentKey, PushConnection[]> subscribers = new();
    private readonly CancellationTokenSource stopping = new();
    private int disposed;

    public PushRegistry(
        IHubContext<MarketHub> hub,
        MarketState marketState,
        DhanFeed feed,
        SessionEvents sessionEvents,
        IOptions<PushOptions> options,
        TimeProvider timeProvider,
        IMeterFactory meterFactory,
        ILogger<PushRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.hub = hub;
        this.marketState = marketState;
        this.feed = feed;
        this.sessionEvents = sessionEvents;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
        meter = meterFactory.Create("Tarang.Hub");
        meter.CreateObservableUpDownCounter("tarang.hub.connections", () => connections.Count, "{connection}", "Open market hub connections.");
        meter.CreateObservableGauge("tarang.hub.queue.depth", () => connections.Values.Sum(c => c.Connection.Pending), "{snapshot}", "Snapshots queued for hub clients, all connections together.");
        meter.CreateObservableGauge("tarang.hub.queue.max_depth", () => connections.Values.Select(c => c.Connection.Pending).DefaultIfEmpty().Max(), "{snapshot}", "The longest hub connection queue.");
        sentUpdates = meter.CreateCounter<long>("tarang.hub.updates.sent", "{snapshot}", "Snapshots sent to hub clients.");
        conflatedUpdates = meter.CreateCounter<long>("tarang.hub.updates.conflated", "{snapshot}", "Snapshots replaced by a newer one before a slow client read them.");
        closedConnections = meter.CreateCounter<long>("tarang.hub.connections.closed", "{connection}", "Hub connections the server closed, by reason.");
        feed.StateChanged += OnFeedStateChanged;
        sessionEvents.Ended += OnSessionEnded;
    }

    /// <summary>The number of open connections.</summary>
    public int Count => connections.Count;

    /// <summary>Returns the connection, or null when it is not open.</summary>
    public PushConnection? Find(string connectionId) => connections.TryGetValue(connectionId, out var entry) ? entry.Connection : null;

    /// <summary>Returns the session's open connections.</summary>
    public IReadOnlyList<PushConnection> ForSession(Guid sessionId) =>
        [.. connections.Values.Select(c => c.Connection).Where(c => c.SessionId == sessionId)];

    /// <summary>Registers a new connection, sends it the feed state and starts its send loop.</summary>
    /// <exception cref="HubException">The session already has the most connections allowed.</exception>
    public PushConnection Add(string connectionId, Guid sessionId, string token, HubCallerContext context)
    {
        var connection = new PushConnection(connectionId, sessionId, token, context);
        connection.EnqueueFeedState(FeedStateNow(null));

        // Under the lock, so that simultaneous connects of one session cannot pass the limit together.
        lock (addSync)
        {
            if (ForSession(sessionId).Count >= options.MaxConnectionsPerSession)
            {
                throw new HubException(
                    $"This session already has {options.MaxConnectionsPerSession} hub connections open (Push:MaxConnectionsPerSession); close one first.");
            }

            connections[connectionId] = (connection, Task.Run(() => SendLoopAsync(connection)));
        }

        Log.Connected(logger, connectionId, sessionId, connections.Count);
        return connection;
    }

    /// <summary>Removes a closed connection and its subscriptions from the index; returns it, or null when unknown.</summary>
    public PushConnection? Remove(string connectionId)
    {
        if (!connections.TryRemove(connectionId, out var entry))
        {
            return null;
        }

        var connection = entry.Connection;
        Unindex(connection, connection.GetSubscriptions().Keys);
        connection.Complete();
        Log.Disconnected(logger, connectionId, connection.SessionId, connections.Count);
        return connection;
    }

    /// <summary>Adds the connection as a subscriber of the instruments, after they are held.</summary>
    public void Index(PushConnection connection, IReadOnlyCollection<InstrumentKey> instruments, FeedMode mode)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(instruments);
        connection.SetSubscriptions(instruments, mode);
        lock (indexSync)
        {
            foreach (var instrument in instruments)
            {
                var current = subscribers.GetValueOrDefault(instrument) ?? [];
                if (!current.Contains(connection))
                {
                    subscribers[instrument] = [.. current, connection];
                }
            }
        }
    }

    /// <summary>Removes the connection as a subscriber of the instruments.</summary>
    public void Unindex(PushConnection connection, IEnumerable<InstrumentKey> instruments)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var list = instruments.ToList();
        connection.RemoveSubscriptions(list);
        lock (indexSync)
        {
            foreach (var instrument in list)
            {
                if (!subscribers.TryGetValue(instrument, out var current))
                {
                    continue;
                }

                var remaining = current.Where(c => c != connection).ToArray();
                if (remaining.Length == 0)
                {
                    subscribers.TryRemove(instrument, out _);
                }
                else
                {
                    subscribers[instrument] = remaining;
                }
            }
        }
    }

    public void OnStateChanged(in MarketUpdate update, LatestValue state)
    {
        if (!subscribers.TryGetValue(update.Instrument, out var listeners) || !marketState.TryGetInstrument(update.Instrument, out var instrument))
        {
            return;
        }

        var snapshot = MarketState.ToSnapshot(instrument, state, marketState.Conditions());
        var conflated = 0;
        foreach (var connection in listeners)
        {
            if (!connection.Enqueue(update.Instrument, snapshot))
            {
                conflated++;
            }
        }

        if (conflated > 0)
        {
            conflatedUpdates.Add(conflated);
        }
    }

    /// <summary>
    /// Sends each connection the reason and closes it, waiting at most twice
    /// <see cref="PushOptions.CloseTimeout"/> for clients to take the reason; used at shutdown.
    /// </summary>
    /// <remarks>
    /// It waits until SignalR has finished with each connection, not only until the reason is
    /// queued: SignalR's own shutdown, which follows, drops connections without flushing what
    /// they have not sent yet.
    /// </remarks>
    public async Task CloseAllAsync(string reason, CancellationToken cancellationToken)
    {
        var closing = connections.Values.Where(c => c.Connection.Close(reason)).ToList();
        Log.ClosingAll(logger, closing.Count, reason);
        try
        {
            var finished = closing.Select(c => c.SendLoop).Concat(closing.Select(c => c.Connection.Removed));
            await Task.WhenAll(finished).WaitAsync(options.CloseTimeout + options.CloseTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The send loops abort connections that do not take the reason in time; nothing is left to wait for.
        }
    }

    /// <summary>Closes the connection after sending it the reason.</summary>
    public void Close(PushConnection connection, string reason)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.Close(reason);
    }

    // Called twice: the registry is registered both as itself and as an observer.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        feed.StateChanged -= OnFeedStateChanged;
        sessionEvents.Ended -= OnSessionEnded;
        stopping.Cancel();
        stopping.Dispose();
        meter.Dispose();
    }

    private FeedStateMessage FeedStateNow(string? reason) => new(marketState.FeedState.ToString(), Tarang.Market.Time.Ist.ToIst(timeProvider.GetUtcNow()), reason);

    private void OnFeedStateChanged(object? sender, FeedStateChangedEventArgs e)
    {
        var reason = e.Status.LastDisconnect is { } disconnect ? disconnect.ToString() : null;
        var message = new FeedStateMessage(e.Current.ToString(), Tarang.Market.Time.Ist.ToIst(timeProvider.GetUtcNow()), reason);
        foreach (var (connection, _) in connections.Values)
        {
            connection.EnqueueFeedState(message);
        }
    }

    private void OnSessionEnded(object? sender, SessionEndedEventArgs e)
    {
        foreach (var connection in ForSession(e.SessionId))
        {
            connection.Close($"The session ended ({e.Reason}); log in again.");
        }
    }

    private async Task SendLoopAsync(PushConnection connection)
    {
        var client = hub.Clients.Client(connection.Id);
        try
        {
            while (await connection.Signal.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                connection.Signal.TryRead(out _);
                while (connection.Take(options.MaxBatchSize) is { IsEmpty: false } outbound)
                {
                    if (outbound.Closing is { } closing)
                    {
                        await SendClosingAsync(connection, client, closing).ConfigureAwait(false);
                        return;
                    }

                    if (!await TrySendAsync(connection, client, outbound).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.SendLoopFailed(logger, exception, connection.Id);
            connection.Context.Abort();
        }
    }

    private async Task<bool> TrySendAsync(PushConnection connection, ISingleClientProxy client, PushConnection.Outbound outbound)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(options.StalledClientTimeout);
        try
        {
            if (outbound.FeedState is { } state)
            {
                await client.SendAsync(FeedStateEvent, state, timeout.Token).ConfigureAwait(false);
            }

            if (outbound.Snapshots.Count > 0)
            {
                await client.SendAsync(MarketUpdatesEvent, outbound.Snapshots, timeout.Token).ConfigureAwait(false);
                sentUpdates.Add(outbound.Snapshots.Count);
            }

            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            Log.Stalled(logger, connection.Id, connection.SessionId, options.StalledClientTimeout, connection.Pending);
            closedConnections.Add(1, new KeyValuePair<string, object?>("reason", "stalled"));
            connection.Close("The client did not read its updates in time.");
            connection.Context.Abort();
            return false;
        }
    }

    private async Task SendClosingAsync(PushConnection connection, ISingleClientProxy client, ClosingMessage closing)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(options.CloseTimeout);
        try
        {
            await client.SendAsync(ClosingEvent, closing, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client did not take the reason in time; it is closed all the same.
        }

        closedConnections.Add(1, new KeyValuePair<string, object?>("reason", "closed"));
        Log.Closed(logger, connection.Id, connection.SessionId, closing.Reason);
        connection.Context.Abort();
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Debug, "Hub connection {ConnectionId} of session {SessionId} opened; {Connections} are open.")]
        public static partial void Connected(ILogger logger, string connectionId, Guid sessionId, int connections);

        [LoggerMessage(4002, LogLevel.Debug, "Hub connection {ConnectionId} of session {SessionId} closed; {Connections} are open.")]
        public static partial void Disconnected(ILogger logger, string connectionId, Guid sessionId, int connections);

        [LoggerMessage(4003, LogLevel.Warning, "Closed hub connection {ConnectionId} of session {SessionId}: a send waited {Timeout} for the client to read, with {Pending} snapshots queued.")]
        public static partial void Stalled(ILogger logger, string connectionId, Guid sessionId, TimeSpan timeout, int pending);

        [LoggerMessage(4004, LogLevel.Information, "Closed hub connection {ConnectionId} of session {SessionId}: {Reason}")]
        public static partial void Closed(ILogger logger, string connectionId, Guid sessionId, string reason);

        [LoggerMessage(4005, LogLevel.Information, "Closing {Count} hub connections: {Reason}")]
        public static partial void ClosingAll(ILogger logger, int count, string reason);

        [LoggerMessage(4006, LogLevel.Error, "The send loop of hub connection {ConnectionId} failed; the connection is closed.")]
        public static partial void SendLoopFailed(ILogger logger, Exception exception, string connectionId);
    }
}
