using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tarang.Server.Shutdown;
using Tarang.Simulator;

namespace Tarang.Server.Tests;

/// <summary>The shutdown settings and the drain, on the in-process server.</summary>
public class ShutdownTests
{
    [Fact]
    public async Task ShutdownTimeout_SetsHostShutdownTimeout()
    {
        await using var server = await LoopbackServer.StartAsync("--Server:ShutdownTimeout=00:00:07");

        var host = server.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(7) + ShutdownCoordinator.HostTimeoutMargin, host.ShutdownTimeout);
    }

    [Fact]
    public async Task ShutdownTimeout_DefaultsToTenSeconds()
    {
        await using var server = await LoopbackServer.StartAsync();

        var host = server.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(10) + ShutdownCoordinator.HostTimeoutMargin, host.ShutdownTimeout);
    }

    [Theory]
    [InlineData("--Server:ShutdownTimeout=00:00:00", "Server:ShutdownTimeout")]
    [InlineData("--Server:ShutdownTimeout=-00:00:05", "Server:ShutdownTimeout")]
    [InlineData("--Server:ShutdownTimeout=01:00:00", "Server:ShutdownTimeout")]
    [InlineData("--Server:ShutdownTimeout=ten seconds", "Server:ShutdownTimeout")]
    [InlineData("--Server:ShutdownDrainDelay=00:00:10", "Server:ShutdownDrainDelay")]
    [InlineData("--Server:ShutdownDrainDelay=-00:00:01", "Server:ShutdownDrainDelay")]
    [InlineData("--Server:ShutdownRetryAfter=00:00:00", "Server:ShutdownRetryAfter")]
    public async Task InvalidSetting_FailsStartNamingKey(string setting, string key)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await LoopbackServer.StartAsync(setting);
        });

        Assert.True(exception is OptionsValidationException or InvalidOperationException, $"Unexpected {exception.GetType().Name}: {exception.Message}");
        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_AnswersNewRequestsWith503DuringDrain()
    {
        await using var server = await LoopbackServer.StartAsync("--Server:ShutdownDrainDelay=00:00:05", "--Server:ShutdownRetryAfter=00:00:12");
        var coordinator = server.Services.GetRequiredService<ShutdownCoordinator>();

        var stopping = server.App.StopAsync();
        await FeedTestKit.EventuallyAsync(() => coordinator.IsStopping, "The server did not begin to stop.");
        var response = await server.Client.GetAsync("/api/health");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        await stopping;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(12), response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.ConnectionClose, "The 503 did not close the connection.");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("retry after 12 seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Requests_BeforeStop_AreServed()
    {
        await using var server = await LoopbackServer.StartAsync();
        var coordinator = server.Services.GetRequiredService<ShutdownCoordinator>();

        var response = await server.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(coordinator.IsStopping);
        Assert.Equal(0, coordinator.Requests.Count);
    }
}

/// <summary>
/// Stops an in-process server whose feed is open to an upstream that never reads, then forces the
/// finalizers to run: any task that failed unobserved during the stop raises
/// <see cref="TaskScheduler.UnobservedTaskException"/>. Not parallel with other tests, whose
/// tasks would be counted too.
/// </summary>
[Collection(nameof(SerialUnobservedTaskTests))]
public class ShutdownUnobservedTaskTests
{
    [Fact]
    public async Task Stop_SilentUpstream_LeavesNoUnobservedTaskException()
    {
        var unobserved = new List<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            lock (unobserved)
            {
                unobserved.Add(e.Exception);
            }
        }

        // Earlier tests' leftovers are collected before the event is watched.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            await using (var simulator = await SimulatorServer.StartAsync(new SimulatorOptions()))
            await using (var upstream = new SilentUpstream(answerUpgrade: true))
            {
                await using var server = await LoopbackServer.StartAsync(
                    $"--Dhan:FeedUrl={upstream.FeedUrl}",
                    $"--Simulator:ControlUrl={simulator.ControlUrl}",
                    "--Feed:DisconnectRequestTimeout=00:00:01");
                await AuthClient.RegisterAsync(server.Client, "unobserved@example.com");
                await FeedTestKit.EventuallyAsync(() => upstream.Upgraded > 0, "The feed did not connect to the silent upstream.");

                await server.App.StopAsync();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }

        Assert.True(unobserved.Count == 0, $"Unobserved task exceptions:\n{string.Join("\n", unobserved)}");
    }
}

[CollectionDefinition(nameof(SerialUnobservedTaskTests), DisableParallelization = true)]
public class SerialUnobservedTaskTests;
