using System.Diagnostics;
using System.Text.Json;
using Microsoft.Diagnostics.NETCore.Client;

namespace Tarang.Load;

/// <summary>Fast and stalled clients at one moment, as the run counts them.</summary>
internal sealed record ClientCounts(int FastConnected, int StalledOpen, long FastDisconnects, long StalledDisconnects);

/// <summary>
/// Takes the samples of a run: the server process from <c>/proc</c>, its <c>/metrics</c> when it
/// serves them, the feed state, the simulator's view of the feed connections, and the fast
/// clients' deliveries and latencies since the previous sample.
/// </summary>
internal sealed class ServerMonitor(ServerProcess server, TarangApi api, SyntheticFeed feed, DeliveryStats stats, Func<ClientCounts> clients, bool fullCollections = false)
{
    /// <summary>The System.Runtime meter's heap size after the last GC, per generation, as the Prometheus exporters name it.</summary>
    public const string HeapAfterGcMetric = "dotnet_gc_last_collection_heap_size";

    /// <summary>The counter of packets the feed connection decoded, by kind; the tick kinds are summed.</summary>
    public const string UpstreamPacketMetric = "tarang_feed_packets";

    /// <summary>Packet kinds that carry a price update; previous-close, OI and status packets are not ticks.</summary>
    public static readonly IReadOnlyList<string> TickKinds = ["ticker", "quote", "full", "index"];

    /// <summary>At most this many samples are kept: 10 s apart, more than a day.</summary>
    private const int MaxSamples = 10_000;

    private readonly ProcessSampler process = new(server.Id);
    private readonly ProcessSampler tool = new(Environment.ProcessId);
    private readonly FullCollection? fullCollection = fullCollections ? new(server.Id) : null;
    private readonly List<Sample> samples = [];
    private double? previousTicks;
    private long previousTicksTimestamp;
    private long previousWindowTimestamp = Stopwatch.GetTimestamp();

    /// <summary>An admin session for <c>/api/admin/feed</c>; null leaves the feed state out (it would hold the feed up in a soak).</summary>
    public string? AdminToken { get; set; }

    public IReadOnlyList<Sample> Samples => samples;

    /// <summary>Null until the first sample; then whether <c>/metrics</c> returned samples.</summary>
    public bool? MetricsServed { get; private set; }

    /// <summary>The metric the upstream tick rate was read from, if any.</summary>
    public string? UpstreamTickMetric { get; private set; }

    /// <summary>Starts a new latency and delivery interval without recording a sample.</summary>
    public void ResetWindow()
    {
        stats.TakeWindow();
        previousWindowTimestamp = Stopwatch.GetTimestamp();
    }

    public async Task<Sample> TakeAsync(double elapsedSeconds, string phase, CancellationToken cancellationToken, double? secondsInPhase = null)
    {
        var reading = process.Read();
        var toolReading = tool.Read();
        var now = Stopwatch.GetTimestamp();
        var windowSeconds = Stopwatch.GetElapsedTime(previousWindowTimestamp, now).TotalSeconds;
        previousWindowTimestamp = now;
        var (latencies, updates) = stats.TakeWindow();

        var metrics = await TryReadMetricsAsync(cancellationToken).ConfigureAwait(false);
        MetricsServed = metrics is not null;
        var heap = metrics is null ? null : PrometheusText.Sum(metrics, HeapAfterGcMetric);
        var upstream = metrics is null ? null : UpstreamRate(metrics, now);
        var heapAfterFullCollection = fullCollection is null ? null : await ReadHeapAfterFullCollectionAsync(fullCollection, cancellationToken).ConfigureAwait(false);

        string? feedState = null;
        if (AdminToken is not null)
        {
            var status = await TryAsync(() => api.GetFeedStatusAsync(AdminToken, cancellationToken)).ConfigureAwait(false);
            feedState = status is { } value && value.TryGetProperty("feedState", out var state) ? state.GetString() : null;
        }

        var upstreamConnections = await TryAsync<(int, int)?>(async () => await feed.ReadConnectionsAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var counts = clients();
        var sample = new Sample
        {
            ElapsedSeconds = Math.Round(elapsedSeconds, 1),
            Phase = phase,
            SecondsInPhase = secondsInPhase is null ? null : Math.Round(secondsInPhase.Value, 1),
            ServerResidentBytes = reading.ResidentBytes,
            ServerHeapAfterGcBytes = heap is null ? null : (long)heap.Value,
            ServerHeapAfterFullGcBytes = heapAfterFullCollection?.HeapBytes,
            ServerLiveAfterFullGcBytes = heapAfterFullCollection?.LiveBytes,
            ServerCpuPercent = reading.CpuPercent is null ? null : Math.Round(reading.CpuPercent.Value, 1),
            ServerCpuWaitMillisecondsPerSecond = Round(reading.RunQueueWaitMillisecondsPerSecond),
            ServerThreads = reading.Threads,
            ServerHandles = reading.Handles,
            UpstreamTicksPerSecond = upstream is null ? null : Math.Round(upstream.Value, 1),
            DeliveredUpdatesPerSecond = windowSeconds > 0 ? Math.Round(updates / windowSeconds, 1) : 0,
            LatencyP50Milliseconds = latencies.Count > 0 ? latencies.PercentileMicroseconds(50) / 1000.0 : null,
            LatencyP99Milliseconds = latencies.Count > 0 ? latencies.PercentileMicroseconds(99) / 1000.0 : null,
            LatencyMaxMilliseconds = latencies.Count > 0 ? latencies.MaxMicroseconds / 1000.0 : null,
            FastConnected = counts.FastConnected,
            StalledOpen = counts.StalledOpen,
            FastDisconnects = counts.FastDisconnects,
            StalledDisconnects = counts.StalledDisconnects,
            FeedState = feedState,
            UpstreamConnections = upstreamConnections?.Item1,
            UpstreamInstruments = upstreamConnections?.Item2,
            MachineLoadAverage = ReadLoadAverage(),
            ToolCpuPercent = Round(toolReading.CpuPercent),
            ToolCpuWaitMillisecondsPerSecond = Round(toolReading.RunQueueWaitMillisecondsPerSecond),
            ToolManagedBytes = GC.GetTotalMemory(forceFullCollection: false),
            ToolResidentBytes = Environment.WorkingSet,
        };
        if (samples.Count < MaxSamples)
        {
            samples.Add(sample);
        }

        return sample;
    }

    /// <summary>Returns the upstream tick counter now, or null when <c>/metrics</c> has none.</summary>
    public async Task<double?> ReadUpstreamTicksAsync(CancellationToken cancellationToken)
    {
        var metrics = await TryReadMetricsAsync(cancellationToken).ConfigureAwait(false);
        return metrics is null ? null : UpstreamTicks(metrics);
    }

    /// <summary>Runs a full collection in the server and returns the heap after it, or null when that failed.</summary>
    private static async Task<HeapAfterCollection?> ReadHeapAfterFullCollectionAsync(FullCollection collection, CancellationToken cancellationToken)
    {
        try
        {
            return await collection.RunAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticsClientException)
        {
            // The process has no diagnostics port (DOTNET_EnableDiagnostics=0) or has exited.
            return null;
        }
    }

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 1);

    private static double? ReadLoadAverage()
    {
        var text = File.ReadAllText("/proc/loadavg");
        var first = text.Split(' ')[0];
        return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T?>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return default;
        }
    }

    private Task<List<PrometheusSample>?> TryReadMetricsAsync(CancellationToken cancellationToken) =>
        TryAsync(() => api.GetMetricsAsync(cancellationToken));

    private double? UpstreamTicks(List<PrometheusSample> metrics)
    {
        var total = PrometheusText.Sum(metrics, UpstreamPacketMetric, s => TickKinds.Any(kind => s.Labels.Contains($"kind=\"{kind}\"", StringComparison.Ordinal)));
        if (total is not null)
        {
            UpstreamTickMetric = $"{UpstreamPacketMetric} (kinds {string.Join(", ", TickKinds)})";
        }

        return total;
    }

    private double? UpstreamRate(List<PrometheusSample> metrics, long now)
    {
        var ticks = UpstreamTicks(metrics);
        double? rate = null;
        if (ticks is not null && previousTicks is not null)
        {
            var seconds = Stopwatch.GetElapsedTime(previousTicksTimestamp, now).TotalSeconds;
            rate = seconds > 0 ? (ticks.Value - previousTicks.Value) / seconds : null;
        }

        previousTicks = ticks;
        previousTicksTimestamp = now;
        return rate;
    }
}
