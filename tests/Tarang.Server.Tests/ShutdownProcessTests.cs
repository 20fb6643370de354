using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tarang.Simulator;

namespace Tarang.Server.Tests;

/// <summary>
/// Signals the real server process and checks what a shutdown promises: hub clients get the
/// closing event and a close frame, requests in flight finish, new ones get 503 and then a
/// refused connection, the feed sends Dhan's disconnect
/// request (even to an upstream that never answers, within the limit), the SQLite file is
/// complete on its own, and the process exits with code 0.
/// </summary>
public class ShutdownProcessTests
{
    private static readonly TimeSpan Patience = FeedTestKit.Patience;

    /// <summary>Long enough for any orderly shutdown on a loaded machine; the server's own limit is the tight bound.</summary>
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData("TERM", "SIGTERM")]
    [InlineData("INT", "SIGINT")]
    public async Task Signal_DrainsRequestsAndDisconnectsFeed(string signal, string signalName)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var control = new HttpClient { BaseAddress = simulator.ControlUrl };
        await using var server = await ServerProcess.StartAsync(
            poolDatabaseConnections: true,
            $"--Dhan:FeedUrl={simulator.FeedUrl}",
            $"--Simulator:ControlUrl={simulator.ControlUrl}",
            "--Server:ShutdownDrainDelay=00:00:03",
            "--Server:ShutdownTimeout=00:00:20");
        using var client = server.CreateClient();
        var (token, _) = await AuthClient.RegisterAsync(client, "drain@example.com");
        await FeedTestKit.EventuallyAsync(
            async () => (await control.GetFromJsonAsync<JsonElement>("requests")).GetProperty("subscribes").GetArrayLength() > 0,
            "The feed did not subscribe at the simulator after the login.");
        await using var hubClient = await HubClient.ConnectAsync(server.Address, token);
        await hubClient.SubscribeAsync("ticker", "IDX_I:13");
        await FeedTestKit.EventuallyAsync(() => !hubClient.Updates.IsEmpty, "The hub client received no market update from the live feed.");
        using var rawHub = await RawHubSocket.ConnectAsync(server.Address, token, Patience);

        // Read continuously, as a real client does, so the client replies to the server's close frame at once.
        var rawClosing = rawHub.ReceiveUntilCloseAsync(ExitPatience);
        using var inFlight = await SlowRequest.StartAsync(
            server.Address, "/api/auth/login", """{"email":"drain@example.com","password":"correct horse battery"}""", Patience);

        await server.SignalAsync(signal);
        await server.WaitForLineAsync("Shutting down:", Patience);
        using var late = server.CreateClient();
        var rejected = await late.GetAsync("/api/health");
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        var rawClosed = await rawClosing;
        var hubClosedWith = await hubClient.ClosedWith.Task.WaitAsync(Patience);
        await FeedTestKit.EventuallyAsync(async () => !await AcceptsConnectionsAsync(server.Address), "The server still accepts connections after the drain delay.");
        var finished = await inFlight.FinishAsync(Patience);
        await server.WaitForExitAsync(ExitPatience);
        var disconnects = (await control.GetFromJsonAsync<JsonElement>("requests")).GetProperty("disconnects").GetInt32();

        Assert.True(hubClient.Closings.TryPeek(out var closing), $"The SignalR client received no closing event; it closed with {hubClosedWith}:\n{string.Join('\n', server.Lines)}");
        Assert.Contains("shutting down", closing.Reason, StringComparison.Ordinal);
        Assert.True(hubClosedWith is null, $"The SignalR client closed with {hubClosedWith}:\n{string.Join('\n', server.Lines)}");
        Assert.True(rawClosed, $"The raw hub socket received no close frame ({rawHub.Failure}) after {string.Join(" | ", rawHub.Messages)}:\n{string.Join('\n', server.Lines)}");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, rawHub.CloseStatus);
        Assert.Contains(rawHub.Messages, message => message.Contains("\"target\":\"closing\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), rejected.Headers.RetryAfter?.Delta);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("shutting down", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, finished);
        Assert.Equal(0, server.ExitCode);
        Assert.True(disconnects >= 1, "The simulator received no disconnect request.");
        Assert.Contains(server.Lines, line => line.Contains($"Received {signalName};", StringComparison.Ordinal));
        Assert.Contains(server.Lines, line => line.Contains("Stopped the feed and released its subscriptions and cached values: the server is stopping.", StringComparison.Ordinal));
        Assert.Contains(server.Lines, line => line.Contains("Flushed the SQLite database", StringComparison.Ordinal));
        Assert.Contains(server.Lines, line => line.Contains("Shut down in", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Lines, line => line.Contains("reached its limit", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Lines, line => line.Contains("nothing observed its exception", StringComparison.Ordinal));
        AssertDatabaseCompleteWithoutLog(server.DatabasePath, "drain@example.com");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sigterm_SilentUpstream_EndsWithinLimit(bool answerUpgrade)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var upstream = new SilentUpstream(answerUpgrade);
        await using var server = await ServerProcess.StartAsync(
            $"--Dhan:FeedUrl={upstream.FeedUrl}",
            $"--Simulator:ControlUrl={simulator.ControlUrl}");
        using var client = server.CreateClient();
        await AuthClient.RegisterAsync(client, "silent@example.com");
        await FeedTestKit.EventuallyAsync(
            () => answerUpgrade ? upstream.Upgraded > 0 : upstream.Accepted > 0,
            "The feed did not connect to the silent upstream after the login.");

        var watch = Stopwatch.StartNew();
        await server.SignalAsync("TERM");
        await server.WaitForExitAsync(ExitPatience);
        var elapsed = watch.Elapsed;

        Assert.Equal(0, server.ExitCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"The shutdown took {elapsed}, past the default limit of 10 s.");
        Assert.DoesNotContain(server.Lines, line => line.Contains("reached its limit", StringComparison.Ordinal));
        Assert.Contains(server.Lines, line => line.Contains("Shut down in", StringComparison.Ordinal));
        if (answerUpgrade)
        {
            Assert.Contains(server.Lines, line => line.Contains("did not close within Feed:DisconnectRequestTimeout", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task RepeatedSigint_StuckRequest_EndsAtLimit()
    {
        await using var server = await ServerProcess.StartAsync("--Server:ShutdownTimeout=00:00:03");
        using var stuck = await SlowRequest.StartAsync(server.Address, "/api/auth/login", string.Empty, Patience, declaredLength: 900_000);
        using var stopTrickle = new CancellationTokenSource();
        var trickle = stuck.TrickleAsync(stopTrickle.Token);

        var watch = Stopwatch.StartNew();
        await server.SignalAsync("INT");
        await server.WaitForLineAsync("Received SIGINT;", Patience);
        await server.SignalAsync("INT");
        await server.WaitForExitAsync(ExitPatience);
        var elapsed = watch.Elapsed;
        await stopTrickle.CancelAsync();
        await trickle;
        var closed = await stuck.WaitForCloseAsync(Patience);

        Assert.Equal(0, server.ExitCode);
        Assert.True(closed, "The stuck request's connection stayed open after the process exited.");
        Assert.True(elapsed < TimeSpan.FromSeconds(3) + TimeSpan.FromSeconds(5), $"The shutdown took {elapsed}, well past its limit of 3 s.");
        Assert.Contains(server.Lines, line => line.Contains("Received SIGINT again", StringComparison.Ordinal));
        var summary = Assert.Single(server.Lines, line => line.Contains("reached its limit", StringComparison.Ordinal));
        Assert.True(summary.Contains("POST /api/auth/login", StringComparison.Ordinal), $"The summary does not name the stuck request:\n{string.Join('\n', server.Lines)}");
        Assert.Contains(server.Lines, line => line.Contains("Shut down in", StringComparison.Ordinal));
        Assert.Contains(server.Lines, line => line.Contains("Flushed the SQLite database", StringComparison.Ordinal));
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri address)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Copies the .db file alone, without any -wal file, and finds the user in the copy.</summary>
    private static void AssertDatabaseCompleteWithoutLog(string databasePath, string email)
    {
        var walPath = databasePath + "-wal";
        Assert.False(File.Exists(walPath) && new FileInfo(walPath).Length > 0, "The SQLite write-ahead log still holds data after the shutdown.");

        var copy = Path.Combine(Path.GetTempPath(), $"tarang-copy-{Guid.NewGuid():N}.db");
        File.Copy(databasePath, copy);
        try
        {
            using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM users WHERE email = $email";
            command.Parameters.AddWithValue("$email", email);
            Assert.Equal(1L, (long)command.ExecuteScalar()!);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
