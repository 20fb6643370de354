using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Tarang.Dhan.Feed;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Tests;

public sealed class ControlTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Control_ServesExchangeClock()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var http = new HttpClient();

        var clock = await http.GetFromJsonAsync<JsonElement>(new Uri(simulator.ControlUrl, "clock"));

        Assert.StartsWith("2026-02-06T10:47:0", clock.GetProperty("instant").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("+05:30", clock.GetProperty("instant").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, clock.GetProperty("epoch").GetInt32());
        Assert.Equal(1, clock.GetProperty("speed").GetDouble());
        Assert.Equal("Open", clock.GetProperty("status").GetString());
        Assert.Equal("replay", clock.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Control_SendsDisconnectWithGivenReason()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        using var http = new HttpClient();
        await WaitForConnectionsAsync(http, simulator, 1);

        using var response = await http.PostAsync(new Uri(simulator.ControlUrl, "connections/disconnect?reason=807"), null);
        await client.ReceiveUntilAsync(p => p.OfType<DisconnectPacket>().Any(), Wait);

        response.EnsureSuccessStatusCode();
        Assert.Equal(807, Assert.Single(client.Of<DisconnectPacket>()).ReasonCode);
    }

    [Fact]
    public async Task Control_SendsDisconnectToOneConnectionById()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var first = await FeedTestClient.ConnectAsync(simulator);
        await using var second = await FeedTestClient.ConnectAsync(simulator);
        using var http = new HttpClient();
        await WaitForConnectionsAsync(http, simulator, 2);
        var connections = await http.GetFromJsonAsync<JsonElement>(new Uri(simulator.ControlUrl, "connections"));
        var newest = connections.EnumerateArray().Max(c => c.GetProperty("id").GetInt64());

        (await http.PostAsync(new Uri(simulator.ControlUrl, $"connections/disconnect?reason=800&id={newest}"), null)).EnsureSuccessStatusCode();
        await second.ReceiveUntilAsync(p => p.OfType<DisconnectPacket>().Any(), Wait);
        await first.ReceiveUntilAsync(p => p.Count > 0, TimeSpan.FromMilliseconds(300));

        Assert.Equal(800, Assert.Single(second.Of<DisconnectPacket>()).ReasonCode);
        Assert.Empty(first.Packets);
        Assert.False(first.IsClosed);
    }

    [Fact]
    public async Task Control_CountsRequestsInOrder()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        using var http = new HttpClient();
        await WaitForConnectionsAsync(http, simulator, 1);

        await client.SubscribeAsync(21, MarketRecording.Nifty50, MarketRecording.BankNifty);
        await client.SubscribeAsync(15, MarketRecording.Nifty50);
        await client.SubscribeAsync(22, MarketRecording.Nifty50);
        await client.SendTextAsync("{\"RequestCode\":12}");
        var requests = await WaitForRequestsAsync(http, simulator, r => r.GetProperty("disconnects").GetInt32() == 1);

        var subscribes = requests.GetProperty("subscribes").EnumerateArray().ToList();
        var unsubscribes = requests.GetProperty("unsubscribes").EnumerateArray().ToList();
        Assert.Equal(["IDX_I:13/Full", "IDX_I:25/Full", "IDX_I:13/Ticker"], subscribes.Select(Pair));
        Assert.All(subscribes, s => Assert.Equal(1, s.GetProperty("count").GetInt32()));
        var unsubscribe = Assert.Single(unsubscribes);
        Assert.Equal("IDX_I:13/Full", Pair(unsubscribe));
        Assert.True(subscribes[2].GetProperty("firstSequence").GetInt64() < unsubscribe.GetProperty("firstSequence").GetInt64());
    }

    [Fact]
    public async Task Control_SilencesAndResumesConnection()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Speed = 60 });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        using var http = new HttpClient();
        await client.SubscribeAsync(15, MarketRecording.Nifty50);
        await client.ReceiveUntilAsync(p => p.Count >= 2, Wait);

        (await http.PostAsync(new Uri(simulator.ControlUrl, "connections/silence?silent=true"), null)).EnsureSuccessStatusCode();
        await Task.Delay(100);
        client.Clear();
        await client.ReceiveUntilAsync(_ => false, TimeSpan.FromMilliseconds(700));
        Assert.Empty(client.Packets);
        Assert.False(client.IsClosed);

        (await http.PostAsync(new Uri(simulator.ControlUrl, "connections/silence?silent=false"), null)).EnsureSuccessStatusCode();
        await client.ReceiveUntilAsync(p => p.Count > 0, Wait);
        Assert.NotEmpty(client.Of<TickerPacket>());
    }

    [Fact]
    public async Task Control_DropsConnectionWithoutCloseFrame()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        using var http = new HttpClient();
        await WaitForConnectionsAsync(http, simulator, 1);

        (await http.PostAsync(new Uri(simulator.ControlUrl, "connections/drop"), null)).EnsureSuccessStatusCode();
        await client.ReceiveUntilAsync(_ => false, Wait);

        Assert.True(client.IsClosed);
        Assert.Null(client.Socket.CloseStatus);
        Assert.Empty(client.Packets);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Control_RefusesHandshake(int status)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var http = new HttpClient();

        (await http.PostAsync(new Uri(simulator.ControlUrl, $"handshake/refuse?status={status}"), null)).EnsureSuccessStatusCode();
        var refused = await FeedTestClient.HandshakeStatusAsync(simulator.FeedUrlFor(simulator.Options.ClientId, simulator.Options.AccessToken));
        (await http.DeleteAsync(new Uri(simulator.ControlUrl, "handshake/refuse"))).EnsureSuccessStatusCode();
        var accepted = await FeedTestClient.HandshakeStatusAsync(simulator.FeedUrlFor(simulator.Options.ClientId, simulator.Options.AccessToken));

        Assert.Equal(status, refused);
        Assert.Equal(101, accepted);
    }

    [Fact]
    public async Task Control_StallsHandshakeUntilReleased()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var http = new HttpClient();
        (await http.PostAsync(new Uri(simulator.ControlUrl, "handshake/stall"), null)).EnsureSuccessStatusCode();

        using var socket = new ClientWebSocket();
        var connect = socket.ConnectAsync(simulator.FeedUrlFor(simulator.Options.ClientId, simulator.Options.AccessToken), CancellationToken.None);
        await Task.Delay(500);
        Assert.False(connect.IsCompleted);

        (await http.DeleteAsync(new Uri(simulator.ControlUrl, "handshake/stall"))).EnsureSuccessStatusCode();
        await connect.WaitAsync(Wait);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Control_RejectsRefusalStatusOtherThan503Or429()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(simulator.ControlUrl, "handshake/refuse?status=500"), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Pair(JsonElement entry) => $"{entry.GetProperty("instrument").GetString()}/{entry.GetProperty("mode").GetString()}";

    private static async Task<JsonElement> WaitForRequestsAsync(HttpClient http, RunningSimulator simulator, Func<JsonElement, bool> done)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var requests = await http.GetFromJsonAsync<JsonElement>(new Uri(simulator.ControlUrl, "requests"));
            if (done(requests))
            {
                return requests;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The simulator did not count the expected requests within 2 s.");
    }

    private static async Task WaitForConnectionsAsync(HttpClient http, RunningSimulator simulator, int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var connections = await http.GetFromJsonAsync<JsonElement>(new Uri(simulator.ControlUrl, "connections"));
            if (connections.GetArrayLength() == count)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"The simulator never had {count} connection(s).");
    }
}
