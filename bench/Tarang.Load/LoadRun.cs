using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Tarang.Load;

/// <summary>
/// The <c>load</c> mode: a fixed population of fast and stalled clients against one server
/// process for the measured time, sampled every interval.
/// </summary>
internal static class LoadRun
{
    public const string AdminEmail = "load-admin@load.test";

    public static async Task<RunReport> RunAsync(LoadToolOptions options, string command, TextWriter console, CancellationToken cancellationToken)
    {
        var report = new RunReport
        {
            Kind = "load",
            StartedAtUtc = DateTimeOffset.UtcNow,
            Command = command,
            Options = options,
            Machine = MachineInfo.Current(),
        };

        await using var feed = await SyntheticFeed.StartAsync(options, cancellationToken).ConfigureAwait(false);
        console.WriteLine($"Simulator: synthetic, {options.Universe} instruments at {options.TicksPerSecond} ticks/s.");
        await using var server = await ServerProcess.StartAsync(ServerDll(options), ServerSettings(options, feed), cancellationToken, options.ServerLog).ConfigureAwait(false);
        console.WriteLine($"Server: process {server.Id} at {server.Address}.");

        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var api = new TarangApi(http);
        var stats = new DeliveryStats();
        await using var fleet = new ClientFleet(server.Address, http, stats);
        var monitor = new ServerMonitor(server, api, feed, stats, fleet.Counts);

        var setup = Stopwatch.StartNew();
        monitor.AdminToken = await api.RegisterAsync(AdminEmail, cancellationToken).ConfigureAwait(false);
        var tokens = await RegisterUsersAsync(api, "user", options.Clients, options.ConnectConcurrency, cancellationToken).ConfigureAwait(false);
        report.RegistrationSeconds = Math.Round(setup.Elapsed.TotalSeconds, 1);
        console.WriteLine($"Registered {tokens.Length} users in {report.RegistrationSeconds} s.");

        setup.Restart();
        var random = new Random(options.Seed);
        var choices = tokens.Select(_ => ChooseInstruments(random, feed.Instruments, options.InstrumentsPerClient)).ToArray();
        await ClientFleet.ForEachAsync(
            Enumerable.Range(0, options.Clients),
            options.ConnectConcurrency,
            i => i < options.FastClients
                ? fleet.AddFastAsync(tokens[i], choices[i], options.Mode, cancellationToken)
                : fleet.AddStalledAsync(tokens[i], choices[i], options.Mode, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        report.ConnectSeconds = Math.Round(setup.Elapsed.TotalSeconds, 1);
        report.FastClientsConnected = fleet.Fast.Count;
        report.StalledClientsConnected = fleet.Stalled.Count;
        report.ConnectFailures = fleet.ConnectFailures.Snapshot();
        console.WriteLine($"Connected {report.FastClientsConnected} fast and {report.StalledClientsConnected} stalled clients in {report.ConnectSeconds} s; {fleet.ConnectFailures.Total} failed.");

        // The warm-up lets the first snapshots, JIT compilation and connection set-up pass before measuring.
        monitor.ResetWindow();
        await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        await monitor.TakeAsync(-options.Warmup.TotalSeconds, "warmup", cancellationToken).ConfigureAwait(false);

        var ticksAtStart = await monitor.ReadUpstreamTicksAsync(cancellationToken).ConfigureAwait(false);
        stats.StartMeasuring();
        var measured = Stopwatch.StartNew();
        using (var timer = new PeriodicTimer(options.SampleInterval))
        {
            while (measured.Elapsed < options.Duration && !server.HasExited)
            {
                var remaining = options.Duration - measured.Elapsed;
                if (remaining < options.SampleInterval)
                {
                    await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
                }

                if (server.HasExited)
                {
                    break;
                }

                try
                {
                    var sample = await monitor.TakeAsync(measured.Elapsed.TotalSeconds, "measure", cancellationToken).ConfigureAwait(false);
                    console.WriteLine(Summary.SampleLine(sample));
                }
                catch (IOException exception) when (server.HasExited)
                {
                    console.WriteLine($"The server process exited: {exception.Message}");
                    break;
                }
            }
        }

        stats.StopMeasuring();
        report.MeasuredSeconds = Math.Round(measured.Elapsed.TotalSeconds, 1);
        var ticksAtEnd = server.HasExited ? null : await monitor.ReadUpstreamTicksAsync(cancellationToken).ConfigureAwait(false);

        report.DeliveredUpdates = stats.Updates;
        report.DeliveredBatches = stats.Batches;
        report.SubscribeSnapshots = stats.Snapshots;
        report.DeliveredUpdatesPerSecond = Math.Round(stats.Updates / measured.Elapsed.TotalSeconds, 1);
        report.Latency = LatencySummary.From(stats.Measured);
        report.UpstreamTicksPerSecond = ticksAtStart is not null && ticksAtEnd is not null
            ? Math.Round((ticksAtEnd.Value - ticksAtStart.Value) / measured.Elapsed.TotalSeconds, 1)
            : null;
        report.UpstreamTickMetric = monitor.UpstreamTickMetric;
        report.ExpectedUpstreamTicksPerSecond = await ExpectedUpstreamRateAsync(api, monitor.AdminToken!, feed, options, cancellationToken).ConfigureAwait(false);

        Finish(report, monitor, server, fleet, options.Duration);
        report.FlatnessSecondHalf = FlatnessCheck.JudgeServer([.. monitor.Samples.Where(s => s.ElapsedSeconds >= 0)], options.Duration / 2);
        return report;
    }

    // The simulator ticks each of its instruments at its share of the total rate and sends only the
    // subscribed ones. The default universe's indices are not among its instruments.
    private static async Task<double?> ExpectedUpstreamRateAsync(TarangApi api, string adminToken, SyntheticFeed feed, LoadToolOptions options, CancellationToken cancellationToken)
    {
        JsonElement? status;
        try
        {
            status = await api.GetFeedStatusAsync(adminToken, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The server has gone, and the report notes that.
            return null;
        }

        if (status is not { } value || !value.TryGetProperty("subscriptions", out var subscriptions))
        {
            return null;
        }

        var universe = feed.Instruments.ToHashSet();
        var ticking = subscriptions.EnumerateArray()
            .Select(s => s.GetProperty("instrument").GetString())
            .Where(i => i is not null && universe.Contains(i))
            .Distinct()
            .Count();
        return Math.Round((double)options.TicksPerSecond * ticking / options.Universe, 1);
    }

    /// <summary>Returns the server settings of a run: the simulator, its own SQLite file (set by <see cref="ServerProcess"/>) and relaxed login limits.</summary>
    public static IEnumerable<string> ServerSettings(LoadToolOptions options, SyntheticFeed feed, params string[] extra) =>
    [
        .. feed.ServerSettings(),
        "--RateLimits:PerAddressPermitLimit=1000000",
        "--RateLimits:PerAccountPermitLimit=1000000",
        $"--Accounts:AdminEmails:0={AdminEmail}",
        .. extra,
        .. options.ServerSettings.Select(setting => "--" + setting),
    ];

    public static string ServerDll(LoadToolOptions options) =>
        options.ServerDll ?? Path.Combine(AppContext.BaseDirectory, "Tarang.Server.dll");

    /// <summary>Registers <paramref name="count"/> users, a few at a time, and returns their session tokens in order.</summary>
    public static async Task<string[]> RegisterUsersAsync(TarangApi api, string prefix, int count, int concurrency, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        await ClientFleet.ForEachAsync(
            Enumerable.Range(0, count),
            concurrency,
            async i => tokens[i] = await api.RegisterAsync(EmailOf(prefix, i), cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return tokens;
    }

    public static string EmailOf(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index}@load.test");

    /// <summary>Returns <paramref name="count"/> distinct instruments drawn from <paramref name="universe"/> with <paramref name="random"/>.</summary>
    public static string[] ChooseInstruments(Random random, IReadOnlyList<string> universe, int count)
    {
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            chosen.Add(random.Next(universe.Count));
        }

        return [.. chosen.Select(i => universe[i])];
    }

    /// <summary>Fills the parts of the report that both modes share, from the samples and the clients.</summary>
    public static void Finish(RunReport report, ServerMonitor monitor, ServerProcess server, ClientFleet fleet, TimeSpan flatWindow)
    {
        var measuredSamples = monitor.Samples.Where(s => s.ElapsedSeconds >= 0).ToArray();
        report.Server = ServerSummary.From(measuredSamples, server);
        report.FastDisconnects = fleet.FastDisconnects.Total;
        report.FastDisconnectReasons = fleet.FastDisconnects.Snapshot();
        report.StalledDisconnects = fleet.StalledDisconnects.Total;
        report.StalledDisconnectReasons = fleet.StalledDisconnects.Snapshot();
        var times = fleet.Stalled.Where(c => c.TimeToDisconnect is not null).Select(c => c.TimeToDisconnect!.Value.TotalSeconds).Order().ToArray();
        report.StalledSecondsToDisconnect = times.Length > 0 ? [Math.Round(times[0], 1), Math.Round(times[times.Length / 2], 1), Math.Round(times[^1], 1)] : null;
        report.Flatness = FlatnessCheck.JudgeServer(measuredSamples, flatWindow);
        report.Flat = report.Flatness.Count > 0 ? report.Flatness.All(v => v.Flat) : null;
        report.ToolMaxResidentBytes = monitor.Samples.Count > 0 ? monitor.Samples.Max(s => s.ToolResidentBytes) : 0;
        report.ToolMaxManagedBytes = monitor.Samples.Count > 0 ? monitor.Samples.Max(s => s.ToolManagedBytes) : 0;
        report.Samples = monitor.Samples;

        if (monitor.MetricsServed != true)
        {
            report.Notes.Add("The server serves no /metrics endpoint: the managed heap after GC and the upstream tick rate were not measured.");
        }
        else if (monitor.UpstreamTickMetric is null)
        {
            report.Notes.Add($"/metrics has no {ServerMonitor.UpstreamPacketMetric} counter of tick packets: the upstream tick rate was not measured.");
        }

        if (measuredSamples.All(s => s.ServerHeapAfterGcBytes is null) && monitor.MetricsServed == true)
        {
            report.Notes.Add($"/metrics has no {ServerMonitor.HeapAfterGcMetric}: the managed heap after GC was not measured.");
        }

        if (server.HasExited)
        {
            report.Notes.Add($"The server process exited during the run with code {server.ExitCode}; see server.lastLinesIfExited.");
        }

        if (report.Latency is { Negative: > 0 } latency)
        {
            report.Notes.Add($"{latency.Negative} updates had receivedAt after the client's clock; they were counted as 0 ms.");
        }
    }
}
