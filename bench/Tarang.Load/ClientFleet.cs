namespace Tarang.Load;

/// <summary>
/// The run's hub clients, fast and stalled, with their disconnect reasons. Connections are
/// opened a few at a time, so the set-up does not measure a connection storm.
/// </summary>
internal sealed class ClientFleet(Uri server, HttpClient http, DeliveryStats stats) : IAsyncDisposable
{
    private readonly List<FastClient> fast = [];
    private readonly List<StalledClient> stalled = [];
    private readonly Lock clientsLock = new();

    public ReasonTally FastDisconnects { get; } = new();

    public ReasonTally StalledDisconnects { get; } = new();

    /// <summary>Connections or subscriptions that failed, fast and stalled alike.</summary>
    public ReasonTally ConnectFailures { get; } = new();

    public IReadOnlyList<FastClient> Fast
    {
        get
        {
            lock (clientsLock)
            {
                return [.. fast];
            }
        }
    }

    public IReadOnlyList<StalledClient> Stalled
    {
        get
        {
            lock (clientsLock)
            {
                return [.. stalled];
            }
        }
    }

    public ClientCounts Counts()
    {
        lock (clientsLock)
        {
            return new ClientCounts(
                fast.Count(c => c.IsConnected),
                stalled.Count(c => c.IsOpen),
                FastDisconnects.Total,
                StalledDisconnects.Total);
        }
    }

    /// <summary>Connects a fast client and subscribes it; returns null (and counts the failure) when that fails.</summary>
    public async Task<FastClient?> AddFastAsync(string token, IReadOnlyCollection<string> instruments, string mode, CancellationToken cancellationToken)
    {
        var client = new FastClient(server, token, instruments, mode, stats, FastDisconnects);
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ConnectFailures.Add($"fast: {exception.GetType().Name}: {exception.Message}");
            await client.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        lock (clientsLock)
        {
            fast.Add(client);
        }

        return client;
    }

    /// <summary>Connects a stalled client and subscribes it; returns null (and counts the failure) when that fails.</summary>
    public async Task<StalledClient?> AddStalledAsync(string token, IReadOnlyCollection<string> instruments, string mode, CancellationToken cancellationToken)
    {
        var client = new StalledClient(token, StalledDisconnects);
        try
        {
            await client.StartAsync(http, instruments, mode, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ConnectFailures.Add($"stalled: {exception.GetType().Name}: {exception.Message}");
            await client.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        lock (clientsLock)
        {
            stalled.Add(client);
        }

        return client;
    }

    /// <summary>Closes one fast client; the close is not counted as a disconnect.</summary>
    public async Task RemoveAsync(FastClient client)
    {
        lock (clientsLock)
        {
            fast.Remove(client);
        }

        await client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every client; the closes are not counted as disconnects.</summary>
    public async Task CloseAllAsync()
    {
        FastClient[] fastClients;
        StalledClient[] stalledClients;
        lock (clientsLock)
        {
            fastClients = [.. fast];
            stalledClients = [.. stalled];
            fast.Clear();
            stalled.Clear();
        }

        await ForEachAsync(fastClients, 32, c => c.DisposeAsync().AsTask(), CancellationToken.None).ConfigureAwait(false);
        await ForEachAsync(stalledClients, 32, c => c.DisposeAsync().AsTask(), CancellationToken.None).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(CloseAllAsync());

    /// <summary>Runs <paramref name="action"/> on every item, at most <paramref name="concurrency"/> at once.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, _) => await action(item).ConfigureAwait(false));
}
