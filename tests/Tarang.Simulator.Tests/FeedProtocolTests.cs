using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Tests;

public sealed class FeedProtocolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static Task<RunningSimulator> StartAsync(SimulatorOptions? options = null) =>
        SimulatorServer.StartAsync(options ?? new SimulatorOptions());

    [Theory]
    [InlineData("version=2&token=simulator-access-token&clientId=1100000001")]
    [InlineData("version=1&token=simulator-access-token&clientId=1100000001&authType=2")]
    [InlineData("version=2&clientId=1100000001&authType=2")]
    [InlineData("version=2&token=simulator-access-token&authType=2")]
    public async Task Handshake_RejectsMissingOrWrongParameterWith400(string query)
    {
        await using var simulator = await StartAsync();

        var status = await FeedTestClient.HandshakeStatusAsync(new UriBuilder(simulator.FeedUrl) { Query = query }.Uri);

        Assert.Equal(400, status);
    }

    [Theory]
    [InlineData("1100000001", "wrong-token")]
    [InlineData("1100000002", "simulator-access-token")]
    public async Task Handshake_RejectsWrongCredentialsWith401(string clientId, string token)
    {
        await using var simulator = await StartAsync();

        var status = await FeedTestClient.HandshakeStatusAsync(simulator.FeedUrlFor(clientId, token));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task Handshake_AcceptsConfiguredCredentials()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { ClientId = "7700", AccessToken = "abc" });

        var status = await FeedTestClient.HandshakeStatusAsync(simulator.FeedUrlFor("7700", "abc"));

        Assert.Equal(101, status);
    }

    [Fact]
    public async Task Feed_SixthConnectionEvictsOldestWith805()
    {
        // The oldest connection is streaming, so the disconnect packet must get past its ticks.
        await using var simulator = await StartAsync(new SimulatorOptions { StartDate = new DateOnly(2025, 12, 24), Speed = 600 });
        var clients = new List<FeedTestClient> { await FeedTestClient.ConnectAsync(simulator) };
        await clients[0].SubscribeAsync(21, MarketRecording.Nifty50, MarketRecording.BankNifty, MarketRecording.Reliance);
        await clients[0].ReceiveUntilAsync(p => p.Count > 10, Wait);
        for (var i = 1; i < 6; i++)
        {
            clients.Add(await FeedTestClient.ConnectAsync(simulator));
        }

        await clients[0].ReceiveUntilAsync(p => p.OfType<DisconnectPacket>().Any(), Wait);
        await clients[1].ReceiveUntilAsync(p => p.Count > 0, TimeSpan.FromMilliseconds(300));

        Assert.Equal(805, Assert.Single(clients[0].Of<DisconnectPacket>()).ReasonCode);
        Assert.IsType<DisconnectPacket>(clients[0].Packets[^1]);
        await clients[0].ReceiveUntilAsync(_ => false, Wait);
        Assert.True(clients[0].IsClosed);
        Assert.Empty(clients[1].Packets);
        Assert.False(clients[1].IsClosed);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Feed_MoreThan100InstrumentsInOneMessageDisconnectsWith804()
    {
        await using var simulator = await StartAsync();
        await using var client = await FeedTestClient.ConnectAsync(simulator);

        await client.SubscribeAsync(15, Enumerable.Range(1, 101).Select(i => new InstrumentKey(ExchangeSegment.NseEq, (uint)i)).ToArray());
        await client.ReceiveUntilAsync(p => p.OfType<DisconnectPacket>().Any(), Wait);

        Assert.Equal(804, Assert.Single(client.Of<DisconnectPacket>()).ReasonCode);
    }

    [Fact]
    public async Task Feed_MoreThan5000InstrumentsOnOneConnectionDisconnectsWith804()
    {
        await using var simulator = await StartAsync();
        await using var client = await FeedTestClient.ConnectAsync(simulator);

        for (var message = 0; message < 50; message++)
        {
            await client.SubscribeAsync(15, Enumerable.Range(1 + (message * 100), 100).Select(i => new InstrumentKey(ExchangeSegment.NseEq, (uint)i)).ToArray());
        }

        await client.ReceiveUntilAsync(p => p.Count > 0, TimeSpan.FromMilliseconds(300));
        Assert.Empty(client.Of<DisconnectPacket>());

        await client.SubscribeAsync(15, new InstrumentKey(ExchangeSegment.NseEq, 999_999));
        await client.ReceiveUntilAsync(p => p.OfType<DisconnectPacket>().Any(), Wait);

        Assert.Equal(804, Assert.Single(client.Of<DisconnectPacket>()).ReasonCode);
    }

    [Theory]
    [InlineData("""{"RequestCode":15,"InstrumentCount":1,"InstrumentList":[{"ExchangeSegment":"NSE_EQ","SecurityId":2885}]}""")]
    [InlineData("""{"RequestCode":19,"InstrumentCount":0,"InstrumentList":[]}""")]
    [InlineData("""{"RequestCode":15,"InstrumentCount":1,"InstrumentList":[{"ExchangeSegment":"NSE","SecurityId":"2885"}]}""")]
    [InlineData("not json")]
    public async Task Feed_InvalidRequestDisconnectsWith814(string request)
    {
        await using var simulator = await StartAsync();
        await using var client = await FeedTestClient.ConnectAsync(simulator);

        await client.SendTextAsync(request);
        await client.ReceiveUntilAsync(p => p.OfType<DisconnectPacket>().Any(), Wait);

        Assert.Equal(814, Assert.Single(client.Of<DisconnectPacket>()).ReasonCode);
    }

    [Fact]
    public async Task Feed_UnsubscribeStopsTicks()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Speed = 60 });
        await using var client = await FeedTestClient.ConnectAsync(simulator);
        await client.SubscribeAsync(15, MarketRecording.Nifty50);
        await client.ReceiveUntilAsync(p => p.OfType<TickerPacket>().Count() >= 2, Wait);

        await client.SubscribeAsync(16, MarketRecording.Nifty50);
        await Task.Delay(200);
        client.Clear();
        await client.ReceiveUntilAsync(_ => false, TimeSpan.FromMilliseconds(600));

        Assert.Empty(client.Packets);
    }

    [Fact]
    public async Task Feed_DisconnectRequestClosesSocket()
    {
        await using var simulator = await StartAsync();
        await using var client = await FeedTestClient.ConnectAsync(simulator);

        await client.SendTextAsync("""{"RequestCode":12}""");
        await client.ReceiveUntilAsync(_ => false, Wait);

        Assert.True(client.IsClosed);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task Feed_ClosesSocketThatStopsAnsweringPings()
    {
        await using var simulator = await StartAsync(new SimulatorOptions
        {
            PingInterval = TimeSpan.FromMilliseconds(100),
            PongTimeout = TimeSpan.FromMilliseconds(400),
        });
        using var http = new HttpClient();
        await using var silent = await FeedTestClient.ConnectAsync(simulator, read: false);
        await using var reading = await FeedTestClient.ConnectAsync(simulator);

        // Only the reading client receives pings, so only it sends pongs.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var connections = await http.GetFromJsonAsync<JsonElement>(new Uri(simulator.ControlUrl, "connections"));

        Assert.Equal(1, connections.GetArrayLength());
        Assert.False(reading.IsClosed);
    }
}
