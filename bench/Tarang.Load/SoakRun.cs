using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;

namespace Tarang.Load;

/// <summary>
/// The <c>soak</c> mode: the load run's clients with churn every second (a logout and a login, a
/// hub connection closed and one opened, a subscription changed, a heartbeat), and a feed outage
/// after every <see cref="LoadToolOptions.FeedCycle"/>: every session logs out for longer than
/// the server's grace period, so the feed stops, then demand returns. The server's memory,
/// handles and threads are judged for flatness over the final window.
/// </summary>
internal sealed class SoakRun
{
    private static readonly string[] Modes = ["ticker", "quote", "full"];

    private readonly LoadToolOptions options;
    private readonly TextWriter console;
    private readonly TarangApi api;
    private readonly ClientFleet fleet;
    private readonly DeliveryStats stats;
    private readonly SyntheticFeed feed;
    private readonly IReadOnlyList<string> universe;
    private readonly Random random;
    private readonly Queue<int> idleUsers = new();
    private readonly Dictionary<FastClient, int> fastUsers = [];
    private readonly Dictionary<StalledClient, int> stalledUsers = [];
    private readonly ReasonTally churnFailures = new();
    private long logins;
    private long logouts;
    private long connects;
    private long closes;
    private long subscriptionChanges;

    private SoakRun(LoadToolOptions options, TextWriter console, TarangApi api, ClientFleet fleet, DeliveryStats stats, SyntheticFeed feed)
    {
        this.options = options;
        this.console = console;
        this.api = api;
        this.fleet = fleet;
        this.stats = stats;
        this.feed = feed;
        universe = feed.Instruments;
        random = new Random(options.Seed);
    }

    /// <summary>Users beyond the clients, so a login always finds one logged out.</summary>
    private int SpareUsers => Math.Max(20, options.Clients / 10);

    public static async Task<RunReport> RunAsync(LoadToolOptions options, string command, TextWriter console, CancellationToken cancellationToken)
    {
        var report = new RunReport
        {
            Kind = "soak",
            StartedAtUtc = DateTimeOffset.UtcNow,
            Command = command,
            Options = options,
            Machine = MachineInfo.Current(),
        };

        await using var feed = await SyntheticFeed.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var settings = LoadRun.ServerSettings(options, feed, $"--Feed:DisconnectGracePeriod={options.Grace}");
        await using var server = await ServerProcess.StartAsync(LoadRun.ServerDll(options), settings, cancellationToken, options.ServerLog).ConfigureAwait(false);
        console.WriteLine($"Server: process {server.Id} at {server.Address}; feed grace period {options.Grace}.");

        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var api = new TarangApi(http);
        var stats = new DeliveryStats();
        await using var fleet = new ClientFleet(server.Address, http, stats);

        // No admin session: it would hold the feed up through the outages.
        var monitor = new ServerMonitor(server, api, feed, stats, fleet.Counts, options.FullCollections);
        var soak = new SoakRun(options, console, api, fleet, stats, feed);
        await soak.RunPhasesAsync(report, server, monitor, cancellationToken).ConfigureAwait(false);

        report.DeliveredUpdates = stats.Updates;
        report.DeliveredBatches = stats.Batches;
        report.SubscribeSnapshots = stats.Snapshots;
        report.DeliveredUpdatesPerSecond = report.MeasuredSeconds > 0 ? Math.Round(stats.Updates / report.MeasuredSeconds, 1) : 0;
        report.Latency = LatencySummary.From(stats.Measured);
        report.Churn = soak.Churn();

        // A soak's upstream rate is the mean of the samples taken with demand; outages have none.
        var upstream = monitor.Samples.Where(s => s.Phase == "demand" && s.UpstreamTicksPerSecond is not null).Select(s => s.UpstreamTicksPerSecond!.Value).ToArray();
        report.UpstreamTicksPerSecond = upstream.Length > 0 ? Math.Round(upstream.Average(), 1) : null;
        report.UpstreamTickMetric = monitor.UpstreamTickMetric;
        LoadRun.Finish(report, monitor, server, fleet, options.FlatWindow);
        report.FlatnessSettled = FlatnessCheck.JudgeServer(FlatnessCheck.Settled(monitor.Samples, options.Settle, options.FlatWindow), options.FlatWindow);
        report.Notes.Add("Delivered updates and latencies include the outages and the reconnects after them.");
        return report;
    }

    private ChurnCounts Churn() => new(logins, logouts, connects, closes, subscriptionChanges, churnFailures.Total, churnFailures.Snapshot());

    private async Task RunPhasesAsync(RunReport report, ServerProcess server, ServerMonitor monitor, CancellationToken cancellationToken)
    {
        var setup = Stopwatch.StartNew();
        var tokens = await LoadRun.RegisterUsersAsync(api, "soak", options.Clients + SpareUsers, options.ConnectConcurrency, cancellationToken).ConfigureAwait(false);
        for (var i = options.Clients; i < tokens.Length; i++)
        {
            await api.LogoutAsync(tokens[i], cancellationToken).ConfigureAwait(false);
            idleUsers.Enqueue(i);
        }

        report.RegistrationSeconds = Math.Round(setup.Elapsed.TotalSeconds, 1);
        setup.Restart();
        await ConnectPopulationAsync([.. Enumerable.Range(0, options.Clients)], user => Task.FromResult<string?>(tokens[user]), cancellationToken).ConfigureAwait(false);
        report.ConnectSeconds = Math.Round(setup.Elapsed.TotalSeconds, 1);
        report.FastClientsConnected = fleet.Fast.Count;
        report.StalledClientsConnected = fleet.Stalled.Count;
        console.WriteLine($"Registered {tokens.Length} users in {report.RegistrationSeconds} s; connected {report.FastClientsConnected} fast and {report.StalledClientsConnected} stalled clients in {report.ConnectSeconds} s.");

        monitor.ResetWindow();
        stats.StartMeasuring();
        var clock = Stopwatch.StartNew();
        var phase = "demand";
        var phaseStarted = TimeSpan.Zero;
        using var sampling = new CancellationTokenSource();
        var sampler = SampleUntilCancelledAsync(monitor, clock, () => (phase, phaseStarted), sampling.Token);

        try
        {
            while (clock.Elapsed < options.Duration && !server.HasExited)
            {
                var demandEnds = clock.Elapsed + options.FeedCycle;
                while (clock.Elapsed < demandEnds && clock.Elapsed < options.Duration && !server.HasExited)
                {
                    var tick = Stopwatch.StartNew();
                    for (var i = 0; i < options.ChurnPerSecond; i++)
                    {
                        await ChurnOnceAsync(cancellationToken).ConfigureAwait(false);
                    }

                    var rest = TimeSpan.FromSeconds(1) - tick.Elapsed;
                    if (rest > TimeSpan.Zero)
                    {
                        await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
                    }
                }

                // An outage needs the grace period plus time to see the feed close and come back.
                if (options.Duration - clock.Elapsed < options.Grace + TimeSpan.FromSeconds(30) || server.HasExited)
                {
                    break;
                }

                (phase, phaseStarted) = ("outage", clock.Elapsed);
                report.Outages.Add(await RunOutageAsync(clock, cancellationToken).ConfigureAwait(false));
                (phase, phaseStarted) = ("demand", clock.Elapsed);
            }
        }
        finally
        {
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
        }

        stats.StopMeasuring();
        report.MeasuredSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        await fleet.CloseAllAsync().ConfigureAwait(false);
    }

    private async Task SampleUntilCancelledAsync(ServerMonitor monitor, Stopwatch clock, Func<(string Name, TimeSpan Started)> phase, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var (name, started) = phase();
                var now = clock.Elapsed;
                var sample = await monitor.TakeAsync(now.TotalSeconds, name, cancellationToken, (now - started).TotalSeconds).ConfigureAwait(false);
                console.WriteLine(Summary.SampleLine(sample));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The soak has ended.
        }
        catch (IOException exception)
        {
            // The server process has gone, so /proc has no entry for it.
            console.WriteLine($"Sampling stopped: {exception.Message}");
        }
    }

    /// <summary>
    /// Gets each user's session token and connects the user at once, a few users at a time: the
    /// first share as fast clients, the rest as stalled ones. A user without a token stays logged out.
    /// </summary>
    private async Task ConnectPopulationAsync(List<int> users, Func<int, Task<string?>> tokenFor, CancellationToken cancellationToken)
    {
        var fastCount = users.Count - options.StalledClients;
        var choices = users.Select(_ => LoadRun.ChooseInstruments(random, universe, options.InstrumentsPerClient)).ToArray();
        var added = new (int User, FastClient? Fast, StalledClient? Stalled)[users.Count];
        await ClientFleet.ForEachAsync(
            Enumerable.Range(0, users.Count),
            options.ConnectConcurrency,
            async i =>
            {
                var user = users[i];
                var token = await tokenFor(user).ConfigureAwait(false);
                if (token is null)
                {
                    added[i] = (user, null, null);
                    return;
                }

                Interlocked.Increment(ref logins);
                added[i] = i < fastCount
                    ? (user, await fleet.AddFastAsync(token, choices[i], options.Mode, cancellationToken).ConfigureAwait(false), null)
                    : (user, null, await fleet.AddStalledAsync(token, choices[i], options.Mode, cancellationToken).ConfigureAwait(false));
            },
            cancellationToken).ConfigureAwait(false);

        foreach (var (user, fast, stalled) in added)
        {
            if (fast is not null)
            {
                fastUsers[fast] = user;
            }
            else if (stalled is not null)
            {
                stalledUsers[stalled] = user;
            }
            else
            {
                // The login or the connection failed, and the fleet or the churn counted it. A user who logged in
                // keeps a session, which the next outage ends.
                idleUsers.Enqueue(user);
            }
        }

        connects += added.Count(a => a.Fast is not null || a.Stalled is not null);
    }

    // One round of churn: a fast client leaves (its connection closes and its session logs out), a
    // logged-out user logs in and connects, a client changes part of its subscription, and one
    // client sends a heartbeat.
    private async Task ChurnOnceAsync(CancellationToken cancellationToken)
    {
        await TryChurnAsync("leave", LeaveAsync).ConfigureAwait(false);
        await TryChurnAsync("join", JoinAsync).ConfigureAwait(false);
        await TryChurnAsync("change subscription", ChangeSubscriptionAsync).ConfigureAwait(false);
        await TryChurnAsync("heartbeat", async () =>
        {
            if (PickFast() is { } client)
            {
                await client.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        async Task LeaveAsync()
        {
            if (PickFast() is not { } client)
            {
                return;
            }

            var user = fastUsers[client];
            fastUsers.Remove(client);
            await fleet.RemoveAsync(client).ConfigureAwait(false);
            closes++;
            await api.LogoutAsync(client.Token, cancellationToken).ConfigureAwait(false);
            logouts++;
            idleUsers.Enqueue(user);
        }

        async Task JoinAsync()
        {
            if (!idleUsers.TryDequeue(out var user))
            {
                return;
            }

            var token = await api.LoginAsync(LoadRun.EmailOf("soak", user), cancellationToken).ConfigureAwait(false);
            logins++;
            var client = await fleet.AddFastAsync(token, LoadRun.ChooseInstruments(random, universe, options.InstrumentsPerClient), options.Mode, cancellationToken).ConfigureAwait(false);
            if (client is null)
            {
                await api.LogoutAsync(token, cancellationToken).ConfigureAwait(false);
                logouts++;
                idleUsers.Enqueue(user);
                return;
            }

            connects++;
            fastUsers[client] = user;
        }

        async Task ChangeSubscriptionAsync()
        {
            if (PickFast() is not { } client || client.Instruments.Count == 0)
            {
                return;
            }

            var changed = Math.Max(1, client.Instruments.Count / 4);
            var remove = client.Instruments.OrderBy(_ => random.Next()).Take(changed).ToArray();
            var add = new HashSet<string>();
            while (add.Count < changed)
            {
                var candidate = universe[random.Next(universe.Count)];
                if (!client.Instruments.Contains(candidate))
                {
                    add.Add(candidate);
                }
            }

            await client.ChangeSubscriptionAsync(remove, add, Modes[random.Next(Modes.Length)], cancellationToken).ConfigureAwait(false);
            subscriptionChanges++;
        }
    }

    private async Task<string?> LoginOrNullAsync(int user)
    {
        string? token = null;
        await TryChurnAsync("outage login", async () => token = await api.LoginAsync(LoadRun.EmailOf("soak", user), CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        return token;
    }

    private async Task TryChurnAsync(string action, Func<Task> churn)
    {
        try
        {
            await churn().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException or IOException or HubException)
        {
            churnFailures.Add($"{action}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private FastClient? PickFast()
    {
        var connected = fastUsers.Keys.Where(c => c.IsConnected).ToArray();
        return connected.Length == 0 ? null : connected[random.Next(connected.Length)];
    }

    // Every client closes and every session logs out; the feed must close after the grace period.
    // After the grace period and a margin, the same number of users log in again and reconnect.
    private async Task<OutageRecord> RunOutageAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var endedAt = clock.Elapsed;
        var leaving = fastUsers.Select(p => (p.Value, p.Key.Token)).Concat(stalledUsers.Select(p => (p.Value, p.Key.Token))).ToArray();
        fastUsers.Clear();
        stalledUsers.Clear();
        await fleet.CloseAllAsync().ConfigureAwait(false);
        closes += leaving.Length;
        await ClientFleet.ForEachAsync(leaving, options.ConnectConcurrency, async user =>
        {
            await TryChurnAsync("outage logout", () => api.LogoutAsync(user.Token, cancellationToken)).ConfigureAwait(false);
            Interlocked.Increment(ref logouts);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var (user, _) in leaving)
        {
            idleUsers.Enqueue(user);
        }

        console.WriteLine($"{clock.Elapsed.TotalSeconds,7:0}s outage: {leaving.Length} sessions logged out; waiting for the feed to close.");
        double? closedAfter = null;
        var waitUntil = endedAt + options.Grace + TimeSpan.FromSeconds(60);
        while (clock.Elapsed < waitUntil)
        {
            var (connections, _) = await feed.ReadConnectionsAsync(cancellationToken).ConfigureAwait(false);
            if (connections == 0)
            {
                closedAfter = Math.Round((clock.Elapsed - endedAt).TotalSeconds, 1);
                break;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        // Stay logged out for longer than the grace period, closed or not, so the outage is real.
        var minimumOutage = options.Grace + TimeSpan.FromSeconds(10);
        var remaining = endedAt + minimumOutage - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }

        var returnedAt = clock.Elapsed;
        var firstUpdate = WaitForFirstUpdateAsync(clock, stats.Received, TimeSpan.FromSeconds(120), cancellationToken);
        var comingBack = new List<int>();
        while (comingBack.Count < options.Clients && idleUsers.TryDequeue(out var user))
        {
            comingBack.Add(user);
        }

        await ConnectPopulationAsync(comingBack, LoginOrNullAsync, cancellationToken).ConfigureAwait(false);
        var firstUpdateAt = await firstUpdate.ConfigureAwait(false);
        double? firstUpdateAfter = firstUpdateAt is null ? null : Math.Round((firstUpdateAt.Value - returnedAt).TotalSeconds, 1);
        console.WriteLine($"{clock.Elapsed.TotalSeconds,7:0}s outage over: feed closed after {closedAfter?.ToString(CultureInfo.InvariantCulture) ?? "never"} s; {fleet.Fast.Count + fleet.Stalled.Count} clients back; first update {firstUpdateAfter?.ToString(CultureInfo.InvariantCulture) ?? "never"} s after demand returned.");
        return new OutageRecord(Math.Round(endedAt.TotalSeconds, 1), closedAfter, Math.Round(returnedAt.TotalSeconds, 1), firstUpdateAfter, closedAfter is null ? "still connected" : "closed at the simulator");
    }

    // Polls the received count, so the time of the first update is known within 50 ms.
    private async Task<TimeSpan?> WaitForFirstUpdateAsync(Stopwatch clock, long receivedBefore, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = clock.Elapsed + timeout;
        while (clock.Elapsed < deadline)
        {
            if (stats.Received > receivedBefore)
            {
                return clock.Elapsed;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
