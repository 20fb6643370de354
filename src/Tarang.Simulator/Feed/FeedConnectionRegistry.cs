namespace Tarang.Simulator.Feed;

/// <summary>
/// The open feed connections. Like Dhan, it allows a fixed number of connections per client id,
/// and when one more opens it evicts the oldest with reason 805.
/// </summary>
internal sealed class FeedConnectionRegistry(int maxConnectionsPerClient)
{
    private readonly List<FeedConnection> connections = [];
    private readonly Lock registryLock = new();
    private long lastId;

    public long NextId() => Interlocked.Increment(ref lastId);

    /// <summary>Adds the connection and returns the connection to evict, if the client now has too many.</summary>
    public FeedConnection? Add(FeedConnection connection)
    {
        lock (registryLock)
        {
            connections.Add(connection);
            var sameClient = connections.Where(c => c.ClientId == connection.ClientId).ToList();
            return sameClient.Count > maxConnectionsPerClient ? sameClient[0] : null;
        }
    }

    public void Remove(FeedConnection connection)
    {
        lock (registryLock)
        {
            connections.Remove(connection);
        }
    }

    public IReadOnlyList<FeedConnection> Snapshot()
    {
        lock (registryLock)
        {
            return [.. connections];
        }
    }

    /// <summary>Returns the connection with the id, or every connection when <paramref name="id"/> is null.</summary>
    public IReadOnlyList<FeedConnection> Select(long? id) =>
        id is { } wanted ? Snapshot().Where(c => c.Id == wanted).ToArray() : Snapshot();
}
