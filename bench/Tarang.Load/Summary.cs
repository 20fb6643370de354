using System.Globalization;
using System.Text;

namespace Tarang.Load;

/// <summary>The readable lines the tool prints: one per sample while it runs, and the summary at the end.</summary>
internal static class Summary
{
    public static string SampleLine(Sample s) => Invariant(
        $"{s.ElapsedSeconds,7:0}s {s.Phase,-7} delivered {s.DeliveredUpdatesPerSecond,8:0}/s  p50 {Ms(s.LatencyP50Milliseconds)}  p99 {Ms(s.LatencyP99Milliseconds)}  max {Ms(s.LatencyMaxMilliseconds)}  ")
        + Invariant($"upstream {(s.UpstreamTicksPerSecond is { } up ? up.ToString("0", CultureInfo.InvariantCulture) : "?"),5}/s  ")
        + Invariant($"rss {Mb(s.ServerResidentBytes)}  heap {(s.ServerHeapAfterGcBytes is { } heap ? Mb(heap) : "?")}{(s.ServerHeapAfterFullGcBytes is { } full ? $" (full GC {Mb(full)}, live {Mb(s.ServerLiveAfterFullGcBytes ?? 0)})" : "")}  cpu {(s.ServerCpuPercent is { } cpu ? cpu.ToString("0", CultureInfo.InvariantCulture) : "?")}%  ")
        + Invariant($"thr {s.ServerThreads} fd {s.ServerHandles}  fast {s.FastConnected} stalled {s.StalledOpen}  disc {s.FastDisconnects}/{s.StalledDisconnects}")
        + (s.FeedState is null ? "" : $"  feed {s.FeedState}")
        + (s.UpstreamConnections is null ? "" : Invariant($" sim-conn {s.UpstreamConnections}"))
        + (s.MachineLoadAverage is null ? "" : Invariant($"  load {s.MachineLoadAverage:0.0}"))
        + Invariant($"  wait srv {s.ServerCpuWaitMillisecondsPerSecond:0}ms/s tool {s.ToolCpuWaitMillisecondsPerSecond:0}ms/s (tool cpu {s.ToolCpuPercent:0}%)");

    public static string Of(RunReport report)
    {
        var text = new StringBuilder();
        var options = report.Options;
        void Line(string line) => text.AppendLine(line);
        Line("");
        Line($"== Tarang {report.Kind} run, {report.StartedAtUtc:yyyy-MM-dd HH:mm} UTC ==");
        Line($"Command:   {report.Command}");
        Line($"Machine:   {report.Machine.ProcessorCount} cores, {report.Machine.Os}, {report.Machine.Runtime}");
        Line(Invariant($"Clients:   {options.FastClients} fast + {options.StalledClients} stalled x {options.InstrumentsPerClient} instruments ({options.Mode}) of {options.Universe}; simulator {options.TicksPerSecond} ticks/s"));
        Line(Invariant($"Set-up:    registered in {report.RegistrationSeconds} s, connected {report.FastClientsConnected} fast and {report.StalledClientsConnected} stalled in {report.ConnectSeconds} s"));
        foreach (var (reason, count) in report.ConnectFailures)
        {
            Line($"           connect failure x{count}: {reason}");
        }

        Line(Invariant($"Measured:  {report.MeasuredSeconds} s"));
        Line(Invariant($"Upstream:  {(report.UpstreamTicksPerSecond is { } up ? $"{up:0} ticks/s at the feed connection ({report.UpstreamTickMetric})" : "not measured (no counter on /metrics)")}; expected from the simulator's settings {report.ExpectedUpstreamTicksPerSecond?.ToString("0", CultureInfo.InvariantCulture) ?? "?"} ticks/s"));
        Line(Invariant($"Delivered: {report.DeliveredUpdatesPerSecond:0} updates/s to the fast clients ({report.DeliveredUpdates} updates in {report.DeliveredBatches} batches)"));
        if (report.Latency is { } latency)
        {
            Line(Invariant($"Latency:   p50 {latency.P50:0.0} ms, p90 {latency.P90:0.0} ms, p99 {latency.P99:0.0} ms, p99.9 {latency.P999:0.0} ms, max {latency.Max:0.0} ms, mean {latency.Mean:0.0} ms ({latency.Count} updates)"));
        }

        if (report.Server is { } server)
        {
            Line(Invariant($"Server:    RSS {Mb(server.ResidentFirst)} -> {Mb(server.ResidentLast)} (min {Mb(server.ResidentMin)}, max {Mb(server.ResidentMax)}); heap after GC {(server.HeapFirst is null ? "not measured" : $"{Mb(server.HeapFirst.Value)} -> {Mb(server.HeapLast!.Value)} (min {Mb(server.HeapMin!.Value)}, max {Mb(server.HeapMax!.Value)})")}"));
            Line(Invariant($"           CPU {server.CpuPercentMean?.ToString("0", CultureInfo.InvariantCulture) ?? "?"} % of one core on average; threads {server.ThreadsMin}-{server.ThreadsMax}; handles {server.HandlesMin}-{server.HandlesMax}; log lines {server.LogLines} ({server.WarningLines} warnings, {server.ErrorLines} errors){(server.ExitCode is { } code ? $"; EXITED with code {code}" : "")}"));
        }

        Line($"Disconnects: fast {report.FastDisconnects}, stalled {report.StalledDisconnects}{(report.Kind == "load" ? $" of {report.StalledClientsConnected}" : "")}"
            + (report.StalledSecondsToDisconnect is { } times ? Invariant($" (stalled closed after {times[0]} / {times[1]} / {times[2]} s, min / median / max)") : ""));
        foreach (var (reason, count) in report.FastDisconnectReasons)
        {
            Line($"           fast x{count}: {reason}");
        }

        foreach (var (reason, count) in report.StalledDisconnectReasons)
        {
            Line($"           stalled x{count}: {reason}");
        }

        if (report.Churn is { } churn)
        {
            Line($"Churn:     {churn.Logins} logins, {churn.Logouts} logouts, {churn.Connects} connects, {churn.Closes} closes, {churn.SubscriptionChanges} subscription changes, {churn.Failures} failures");
        }

        foreach (var outage in report.Outages)
        {
            Line(Invariant($"Outage:    demand ended at {outage.DemandEndedAtSeconds:0} s; feed closed {outage.FeedClosedAfterSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "never"} s later (state {outage.FeedStateWhileDown ?? "?"}); first update {outage.FirstUpdateAfterSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "never"} s after demand returned"));
        }

        foreach (var verdict in report.Flatness)
        {
            Line(Invariant($"Flat?      {verdict.Series}: mean {verdict.Mean:0}, range {verdict.Min:0}-{verdict.Max:0}, max deviation {verdict.MaxDeviationPercent:0.0} %, trend {verdict.TrendPercent:+0.0;-0.0} % over {verdict.WindowSeconds:0} s -> {(verdict.Flat ? "flat" : "NOT flat")}"));
        }

        var loads = report.Samples.Where(s => s.MachineLoadAverage is not null && s.ElapsedSeconds >= 0).Select(s => s.MachineLoadAverage!.Value).ToArray();
        if (loads.Length > 0)
        {
            Line(Invariant($"Machine:   1-minute load average {loads.Min():0.0}-{loads.Max():0.0} (mean {loads.Average():0.0}) on {report.Machine.ProcessorCount} cores"));
            var measured = report.Samples.Where(s => s.ElapsedSeconds >= 0).ToArray();
            Line(Invariant($"CPU wait:  server threads waited {Mean(measured.Select(s => s.ServerCpuWaitMillisecondsPerSecond)):0} ms/s for a core, the tool's {Mean(measured.Select(s => s.ToolCpuWaitMillisecondsPerSecond)):0} ms/s; tool CPU {Mean(measured.Select(s => s.ToolCpuPercent)):0} % of one core"));
        }

        foreach (var verdict in report.FlatnessSettled)
        {
            Line(Invariant($"Settled:   {verdict.Series}: mean {verdict.Mean:0}, max deviation {verdict.MaxDeviationPercent:0.0} %, trend {verdict.TrendPercent:+0.0;-0.0} % over {verdict.WindowSeconds:0} s ({verdict.Points} settled samples with demand) -> {(verdict.Flat ? "flat" : "NOT flat")}"));
        }

        foreach (var verdict in report.FlatnessSecondHalf)
        {
            Line(Invariant($"2nd half:  {verdict.Series}: mean {verdict.Mean:0}, max deviation {verdict.MaxDeviationPercent:0.0} %, trend {verdict.TrendPercent:+0.0;-0.0} % over {verdict.WindowSeconds:0} s -> {(verdict.Flat ? "flat" : "NOT flat")}"));
        }

        Line(Invariant($"Tool:      max RSS {Mb(report.ToolMaxResidentBytes)}, max managed {Mb(report.ToolMaxManagedBytes)}"));
        foreach (var note in report.Notes)
        {
            Line($"Note:      {note}");
        }

        return text.ToString();
    }

    private static double Mean(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToArray();
        return present.Length > 0 ? present.Average() : double.NaN;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double? milliseconds) => milliseconds is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6) + "ms" : "     ?  ";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
