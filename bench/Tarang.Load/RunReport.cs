namespace Tarang.Load;

/// <summary>The JSON report of a run. Latencies are milliseconds, memory is bytes, rates are per second.</summary>
internal sealed class RunReport
{
    public required string Kind { get; init; }

    public required DateTimeOffset StartedAtUtc { get; init; }

    public required string Command { get; init; }

    public required LoadToolOptions Options { get; init; }

    public required MachineInfo Machine { get; init; }

    public double RegistrationSeconds { get; set; }

    public double ConnectSeconds { get; set; }

    public int FastClientsConnected { get; set; }

    public int StalledClientsConnected { get; set; }

    public Dictionary<string, long> ConnectFailures { get; set; } = [];

    public double MeasuredSeconds { get; set; }

    public long DeliveredUpdates { get; set; }

    public double DeliveredUpdatesPerSecond { get; set; }

    public long DeliveredBatches { get; set; }

    public long SubscribeSnapshots { get; set; }

    public LatencySummary? Latency { get; set; }

    /// <summary>Ticks per second the server's feed connection received over the measured time, from <c>/metrics</c>.</summary>
    public double? UpstreamTicksPerSecond { get; set; }

    public string? UpstreamTickMetric { get; set; }

    /// <summary>The simulator's configured rate times the share of its instruments the server subscribed at the end.</summary>
    public double? ExpectedUpstreamTicksPerSecond { get; set; }

    public ServerSummary? Server { get; set; }

    public long FastDisconnects { get; set; }

    public Dictionary<string, long> FastDisconnectReasons { get; set; } = [];

    public long StalledDisconnects { get; set; }

    public Dictionary<string, long> StalledDisconnectReasons { get; set; } = [];

    /// <summary>Seconds from a stalled client's subscription to the failed ping that showed it was closed: min, median, max.</summary>
    public double[]? StalledSecondsToDisconnect { get; set; }

    public List<SeriesVerdict> Flatness { get; set; } = [];

    public bool? Flat { get; set; }

    /// <summary>Load runs: the same verdicts over the second half of the measured time, after the start-up has settled.</summary>
    public List<SeriesVerdict> FlatnessSecondHalf { get; set; } = [];

    /// <summary>
    /// Soaks: the same verdicts over the final window's samples taken with demand at least
    /// <see cref="LoadToolOptions.Settle"/> after demand began, leaving out the outages and the
    /// reconnect wave after each (its negotiate connections and login threads linger for a while).
    /// </summary>
    public List<SeriesVerdict> FlatnessSettled { get; set; } = [];

    public List<OutageRecord> Outages { get; set; } = [];

    public ChurnCounts? Churn { get; set; }

    public long ToolMaxResidentBytes { get; set; }

    public long ToolMaxManagedBytes { get; set; }

    public List<string> Notes { get; set; } = [];

    public IReadOnlyList<Sample> Samples { get; set; } = [];
}

internal sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, string Host)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        Environment.MachineName);
}

internal sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean, long Negative)
{
    public static LatencySummary From(LatencyHistogram histogram) => new(
        histogram.Count,
        histogram.PercentileMicroseconds(50) / 1000.0,
        histogram.PercentileMicroseconds(90) / 1000.0,
        histogram.PercentileMicroseconds(99) / 1000.0,
        histogram.PercentileMicroseconds(99.9) / 1000.0,
        histogram.MaxMicroseconds / 1000.0,
        Math.Round(histogram.MeanMicroseconds / 1000.0, 3),
        histogram.Negative);
}

/// <summary>The server process over the measured samples; heap figures are null without <c>/metrics</c>.</summary>
internal sealed record ServerSummary(
    long ResidentFirst,
    long ResidentLast,
    long ResidentMin,
    long ResidentMax,
    long? HeapFirst,
    long? HeapLast,
    long? HeapMin,
    long? HeapMax,
    double? CpuPercentMean,
    int ThreadsMin,
    int ThreadsMax,
    int HandlesMin,
    int HandlesMax,
    int? ExitCode,
    long LogLines,
    long WarningLines,
    long ErrorLines,
    IReadOnlyDictionary<string, long> LogEvents,
    IReadOnlyList<string>? LastLinesIfExited)
{
    public static ServerSummary From(IReadOnlyList<Sample> samples, ServerProcess server)
    {
        var heaps = samples.Where(s => s.ServerHeapAfterGcBytes is not null).Select(s => s.ServerHeapAfterGcBytes!.Value).ToArray();
        var cpu = samples.Where(s => s.ServerCpuPercent is not null).Select(s => s.ServerCpuPercent!.Value).ToArray();
        return new ServerSummary(
            samples.Count > 0 ? samples[0].ServerResidentBytes : 0,
            samples.Count > 0 ? samples[^1].ServerResidentBytes : 0,
            samples.Count > 0 ? samples.Min(s => s.ServerResidentBytes) : 0,
            samples.Count > 0 ? samples.Max(s => s.ServerResidentBytes) : 0,
            heaps.Length > 0 ? heaps[0] : null,
            heaps.Length > 0 ? heaps[^1] : null,
            heaps.Length > 0 ? heaps.Min() : null,
            heaps.Length > 0 ? heaps.Max() : null,
            cpu.Length > 0 ? Math.Round(cpu.Average(), 1) : null,
            samples.Count > 0 ? samples.Min(s => s.ServerThreads) : 0,
            samples.Count > 0 ? samples.Max(s => s.ServerThreads) : 0,
            samples.Count > 0 ? samples.Min(s => s.ServerHandles) : 0,
            samples.Count > 0 ? samples.Max(s => s.ServerHandles) : 0,
            server.ExitCode,
            server.LineCount,
            server.WarningLines,
            server.ErrorLines,
            server.EventCounts(),
            server.HasExited ? server.LastLines() : null);
    }
}

/// <summary>One feed outage of a soak: when demand ended, when the simulator saw the feed close, and when updates flowed again.</summary>
internal sealed record OutageRecord(
    double DemandEndedAtSeconds,
    double? FeedClosedAfterSeconds,
    double? DemandReturnedAtSeconds,
    double? FirstUpdateAfterSeconds,
    string? FeedStateWhileDown);

/// <summary>What the soak's churn did.</summary>
internal sealed record ChurnCounts(long Logins, long Logouts, long Connects, long Closes, long SubscriptionChanges, long Failures, IReadOnlyDictionary<string, long> FailureReasons);
