using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server.Services;

namespace Tarang.Server.Tests;

public class EmbeddedSimulatorTests
{
    [Fact]
    public async Task Server_StartsSimulatorOnDefaultSource()
    {
        await using var server = await LoopbackServer.StartAsync();

        var health = await server.Client.GetFromJsonAsync<JsonElement>("/api/health");

        // The replay starts on 2026-02-06 at 10:47 IST, inside the session.
        Assert.Equal("Simulator", health.GetProperty("marketSource").GetString());
        Assert.StartsWith("2026-02-06T10:4", health.GetProperty("exchangeTime").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", health.GetProperty("marketStatus").GetString());
    }

    [Fact]
    public async Task EmbeddedFeed_SendsReplayTicks()
    {
        await using var server = await LoopbackServer.StartAsync();
        var simulator = server.Services.GetRequiredService<EmbeddedSimulator>().Running;
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await socket.ConnectAsync(simulator.FeedUrlFor(simulator.Options.ClientId, simulator.Options.AccessToken), timeout.Token);
        var subscribe = """{"RequestCode":15,"InstrumentCount":1,"InstrumentList":[{"ExchangeSegment":"IDX_I","SecurityId":"13"}]}""";
        await socket.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketMessageType.Binary, received.MessageType);
        Assert.Equal(0, buffer[3]);
        Assert.Equal(13u, BitConverter.ToUInt32(buffer, 4));
    }

    [Fact]
    public async Task Server_WithDhanSourceNeedsCredentials()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LoopbackServer.StartAsync("--Market:Source=Dhan", "--Dhan:FeedUrl=ws://127.0.0.1:9/", "--Dhan:RestBaseUrl=http://127.0.0.1:9/"));

        Assert.Contains("Dhan:AccessToken is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_WithDhanSourceStartsNoSimulator()
    {
        // Loopback addresses only: the test must not reach Dhan.
        await using var server = await LoopbackServer.StartAsync(
            "--Market:Source=Dhan", "--Dhan:FeedUrl=ws://127.0.0.1:9/", "--Dhan:RestBaseUrl=http://127.0.0.1:9/",
            "--Dhan:ClientId=1100012345", "--Dhan:AccessToken=not-a-real-token");

        var health = await server.Client.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Null(server.Services.GetService<EmbeddedSimulator>());
        Assert.Equal("Dhan", health.GetProperty("marketSource").GetString());
    }

    [Fact]
    public async Task Server_FollowsStandaloneSimulatorClock()
    {
        await using var simulator = await Tarang.Simulator.SimulatorServer.StartAsync(new Tarang.Simulator.SimulatorOptions
        {
            StartDate = new DateOnly(2025, 12, 24),
            StartTime = new TimeOnly(14, 0),
        });

        await using var server = await LoopbackServer.StartAsync(
            $"--Dhan:FeedUrl={simulator.FeedUrl}", $"--Dhan:RestBaseUrl={simulator.BaseUrl}", $"--Simulator:ControlUrl={simulator.ControlUrl}");
        var health = await server.Client.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Null(server.Services.GetService<EmbeddedSimulator>());
        Assert.StartsWith("2025-12-24T14:0", health.GetProperty("exchangeTime").GetString(), StringComparison.Ordinal);
        Assert.Equal(simulator.Options.ClientId, server.Services.GetRequiredService<Tarang.Dhan.Credentials.HouseCredentialStore>().Current.ClientId);
    }

    [Fact]
    public async Task Server_StandaloneSimulatorNeedsControlUrl()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LoopbackServer.StartAsync("--Dhan:FeedUrl=ws://127.0.0.1:9/", "--Dhan:RestBaseUrl=http://127.0.0.1:9/"));

        Assert.Contains("Simulator:ControlUrl", error.Message, StringComparison.Ordinal);
    }
}
