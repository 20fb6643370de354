namespace Tarang.Load;

/// <summary>
/// What the fast clients received: updates and batches, with latencies in a histogram for the
/// whole measured time and one for the current sample interval. Every member is thread-safe.
/// </summary>
internal sealed class DeliveryStats
{
    private LatencyHistogram window = new();
    private long updates;
    private long batches;
    private long windowUpdates;
    private long snapshots;
    private long received;
    private volatile bool measuring;

    /// <summary>Latencies of the measured time: from <see cref="StartMeasuring"/> to <see cref="StopMeasuring"/>.</summary>
    public LatencyHistogram Measured { get; } = new();

    /// <summary>Updates received while measuring.</summary>
    public long Updates => Interlocked.Read(ref updates);

    /// <summary>Update batches (<c>marketUpdates</c> events) received while measuring.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Updates received at any time, measured or not.</summary>
    public long Received => Interlocked.Read(ref received);

    /// <summary>Snapshots returned by Subscribe calls, at any time.</summary>
    public long Snapshots => Interlocked.Read(ref snapshots);

    public void StartMeasuring() => measuring = true;

    public void StopMeasuring() => measuring = false;

    public void RecordSnapshots(int count) => Interlocked.Add(ref snapshots, count);

    public void RecordBatch()
    {
        if (measuring)
        {
            Interlocked.Increment(ref batches);
        }
    }

    public void RecordUpdate(long latencyMicroseconds)
    {
        Volatile.Read(ref window).Record(latencyMicroseconds);
        Interlocked.Increment(ref windowUpdates);
        Interlocked.Increment(ref received);
        if (measuring)
        {
            Measured.Record(latencyMicroseconds);
            Interlocked.Increment(ref updates);
        }
    }

    /// <summary>Returns the interval's histogram and update count and starts a new interval.</summary>
    public (LatencyHistogram Latencies, long Updates) TakeWindow()
    {
        var finished = Interlocked.Exchange(ref window, new LatencyHistogram());
        var count = Interlocked.Exchange(ref windowUpdates, 0);
        return (finished, count);
    }
}
