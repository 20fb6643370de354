using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tarang.Dhan.Instruments;
using Tarang.Simulator.Synthetic;

namespace Tarang.Server.Tests;

/// <summary>
/// Scrapes /metrics of a server process, which has the meters of one server only (in-process
/// servers of other tests would add their own series to the same meter names).
/// </summary>
public partial class MetricsTests
{
    [Fact]
    public async Task Scrape_ReportsLiveFeedAfterLogin()
    {
        await using var server = await ServerProcess.StartAsync();
        using var client = server.CreateClient();

        await AuthClient.RegisterAsync(client, "metrics@example.com");
        var samples = await ScrapeUntilAsync(client, s => Value(s, "tarang_feed_state", "state=\"Live\"") == 1 && Sum(s, "tarang_feed_packets_total") > 0);

        // A dropped socket is counted as a reconnect with its reason, and the feed comes back.
        using var control = new HttpClient { BaseAddress = SimulatorControlUrl(server) };
        (await control.PostAsync("connections/drop", content: null)).EnsureSuccessStatusCode();
        samples = await ScrapeUntilAsync(client, s => Sum(s, "tarang_feed_reconnects_total") >= 1 && Value(s, "tarang_feed_state", "state=\"Live\"") == 1);

        Assert.Equal(0, Value(samples, "tarang_feed_state", "state=\"Idle\""));
        Assert.Equal(1, Value(samples, "tarang_sessions_active", ""));
        Assert.True(Value(samples, "tarang_feed_connections", "") >= 1);
        Assert.True(Value(samples, "tarang_feed_subscribed_instruments", "") > 0);
        Assert.True(Value(samples, "tarang_feed_desired_instruments", "") >= Value(samples, "tarang_feed_subscribed_instruments", ""));
        Assert.True(Value(samples, "tarang_feed_messages_total", "") > 0);
        Assert.True(Value(samples, "tarang_market_tracked_instruments", "") > 0);
        Assert.Equal(0, Sum(samples, "tarang_feed_malformed_packets_total"));
        Assert.Contains(samples, s => s.Name == "tarang_feed_malformed_packets_total" && s.Labels.Contains("fault=\"TruncatedPacket\"", StringComparison.Ordinal));
        Assert.True(Sum(samples, "tarang_feed_connect_attempts_total") >= 2);
        Assert.Equal(0, Value(samples, "tarang_dhan_rate_limit_waits_total", "limit=\"feed_connections\""));
        Assert.Equal(0, Value(samples, "tarang_dhan_rate_limit_wait_time_seconds_total", "limit=\"feed_connections\""));
        Assert.True(Sum(samples, "http_server_request_duration_seconds_count") > 0);

        // The hub's meter (Tarang.Hub) is exported by the Tarang prefix; no hub client is connected.
        Assert.Equal(0, Value(samples, "tarang_hub_connections", ""));
        Assert.Equal(0, Value(samples, "tarang_hub_queue_depth", ""));
        Assert.True(Value(samples, "dotnet_process_memory_working_set_bytes", "") > 0);
        Assert.True(Sum(samples, "dotnet_gc_last_collection_heap_size_bytes") > 0);
        Assert.True(Value(samples, "dotnet_thread_pool_thread_count", "") > 0);
    }

    [Fact]
    public async Task Scrape_CountsStalledClose()
    {
        // 11 s is longer than SignalR's default socket send timeout (10 s). Unless MapPush raises
        // that timeout, SignalR closes the stalled client first, with no warning and no count.
        await using var server = await ServerProcess.StartAsync("--Simulator:Mode=Synthetic", "--Push:StalledClientTimeout=00:00:11");
        using var client = server.CreateClient();
        var (token, _) = await AuthClient.RegisterAsync(client, "stalled@example.com");
        var catalog = BundledInstrumentMaster.Load(CancellationToken.None).Catalog;
        var instruments = new SyntheticMarket(catalog, 2_000, 10_000, seed: 1).Instruments.Take(200).Select(i => i.Key.ToString()).ToArray();
        await using var stalled = await StalledHubClient.ConnectAsync(server.Address, token, instruments);

        var samples = await ScrapeUntilAsync(client, s => Sum(s, "tarang_hub_connections_closed_total") >= 1 && Value(s, "tarang_hub_connections", "") == 0, TimeSpan.FromSeconds(120));

        Assert.Equal(1, Value(samples, "tarang_hub_connections_closed_total", "reason=\"stalled\""));
        Assert.Contains(server.OutputLines, line => line.Contains("\"eventId\":4003", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrape_RejectsAddressOutsideAllowedNetworks()
    {
        await using var restricted = await LoopbackServer.StartAsync("--Metrics:AllowedNetworks:0=10.0.0.0/8");
        await using var open = await LoopbackServer.StartAsync("--Metrics:AllowedNetworks:0=10.0.0.0/8", "--Metrics:AllowedNetworks:1=127.0.0.0/8");

        var rejected = await restricted.Client.GetAsync("/metrics");
        var problem = await rejected.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
        Assert.Contains("Metrics:AllowedNetworks", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await open.Client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Start_FailsForInvalidNetwork()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LoopbackServer.StartAsync("--Metrics:AllowedNetworks:0=10.0.0.0/99"));

        Assert.Contains("Metrics:AllowedNetworks:0", error.Message, StringComparison.Ordinal);
    }

    private static Uri SimulatorControlUrl(ServerProcess server)
    {
        // The embedded simulator's start line names its feed URL; the control endpoints share its port.
        var line = server.OutputLines.First(l => l.Contains("\"eventId\":5010", StringComparison.Ordinal));
        var feedUrl = new Uri(JsonDocument.Parse(line).RootElement.GetProperty("properties").GetProperty("FeedUrl").GetString()!);
        return new Uri($"http://127.0.0.1:{feedUrl.Port}/control/");
    }

    private static async Task<List<Sample>> ScrapeUntilAsync(HttpClient client, Func<List<Sample>, bool> condition, TimeSpan? patience = null)
    {
        var limit = patience ?? FeedTestKit.Patience;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var text = await client.GetStringAsync("/metrics");
            var samples = Parse(text);
            if (condition(samples))
            {
                return samples;
            }

            Assert.True(watch.Elapsed < limit, $"The scrape did not reach the expected values within {limit}:\n{text}");
            await Task.Delay(250);
        }
    }

    private static List<Sample> Parse(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => SamplePattern().Match(line))
            .Where(match => match.Success)
            .Select(match => new Sample(match.Groups["name"].Value, match.Groups["labels"].Value, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)))
            .ToList();

    private static double Value(List<Sample> samples, string name, string label) =>
        Assert.Single(samples, s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Value;

    private static double Sum(List<Sample> samples, string name) => samples.Where(s => s.Name == name).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex SamplePattern();

    private sealed record Sample(string Name, string Labels, double Value);
}
