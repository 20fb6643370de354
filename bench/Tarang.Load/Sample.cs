namespace Tarang.Load;

/// <summary>
/// One reading, taken every sample interval. Server figures are of the server process; "tool"
/// figures are of this process (clients and simulator), to show that its own memory stays bounded.
/// Latencies and the delivered rate are of the interval that ends at this reading.
/// </summary>
internal sealed record Sample
{
    /// <summary>Seconds since the measured time began; negative during the warm-up.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>What the run was doing: <c>warmup</c>, <c>measure</c>, or in a soak <c>demand</c> or <c>outage</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>Seconds since the current phase began (soak only).</summary>
    public double? SecondsInPhase { get; init; }

    public required long ServerResidentBytes { get; init; }

    /// <summary>The managed heap after the last GC (all generations), from the System.Runtime meter on <c>/metrics</c>; null without it.</summary>
    public long? ServerHeapAfterGcBytes { get; init; }

    /// <summary>
    /// The managed heap's size right after a full collection the tool started (soak only), free
    /// space the collection swept but did not compact included. Null when not measured or not seen in time.
    /// </summary>
    public long? ServerHeapAfterFullGcBytes { get; init; }

    /// <summary>The bytes that survived that full collection: the memory the server still references.</summary>
    public long? ServerLiveAfterFullGcBytes { get; init; }

    /// <summary>Percent of one core since the previous reading.</summary>
    public double? ServerCpuPercent { get; init; }

    /// <summary>Milliseconds per second that the server's threads, summed, were ready to run but waited for a core.</summary>
    public double? ServerCpuWaitMillisecondsPerSecond { get; init; }

    public required int ServerThreads { get; init; }

    /// <summary>Open file descriptors (<c>/proc/PID/fd</c>): sockets, files, pipes.</summary>
    public required int ServerHandles { get; init; }

    /// <summary>Ticks per second the server's feed connection received, from <c>/metrics</c>; null without it.</summary>
    public double? UpstreamTicksPerSecond { get; init; }

    /// <summary>Updates per second all fast clients received.</summary>
    public required double DeliveredUpdatesPerSecond { get; init; }

    public double? LatencyP50Milliseconds { get; init; }

    public double? LatencyP99Milliseconds { get; init; }

    public double? LatencyMaxMilliseconds { get; init; }

    public required int FastConnected { get; init; }

    public required int StalledOpen { get; init; }

    public required long FastDisconnects { get; init; }

    public required long StalledDisconnects { get; init; }

    /// <summary>The feed state as <c>/api/admin/feed</c> shows it, where the run has an admin session.</summary>
    public string? FeedState { get; init; }

    /// <summary>Feed connections open at the simulator.</summary>
    public int? UpstreamConnections { get; init; }

    /// <summary>Instruments subscribed at the simulator, over all feed connections.</summary>
    public int? UpstreamInstruments { get; init; }

    /// <summary>The machine's 1-minute load average (<c>/proc/loadavg</c>): runnable tasks, of every process, competing for its cores.</summary>
    public double? MachineLoadAverage { get; init; }

    /// <summary>The tool's CPU (clients, simulator, bookkeeping) in percent of one core.</summary>
    public double? ToolCpuPercent { get; init; }

    /// <summary>Milliseconds per second that the tool's threads, summed, waited for a core.</summary>
    public double? ToolCpuWaitMillisecondsPerSecond { get; init; }

    public required long ToolManagedBytes { get; init; }

    public required long ToolResidentBytes { get; init; }
}
