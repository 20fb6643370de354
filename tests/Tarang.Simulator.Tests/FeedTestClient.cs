using System.Net.WebSockets;
using System.Text;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;

namespace Tarang.Simulator.Tests;

/// <summary>A Dhan feed client for tests: a real ClientWebSocket whose messages go through FeedDecoder.</summary>
internal sealed class FeedTestClient : IAsyncDisposable
{
    private readonly byte[] buffer = new byte[64 * 1024];

    private FeedTestClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>Every packet received so far, in order.</summary>
    public List<object> Packets { get; } = [];

    /// <summary>The number of WebSocket messages received, to check one packet per message.</summary>
    public int Messages { get; private set; }

    public bool IsClosed { get; private set; }

    public static async Task<FeedTestClient> ConnectAsync(RunningSimulator simulator, string? clientId = null, string? token = null)
    {
        var socket = new ClientWebSocket();
        var url = simulator.FeedUrlFor(clientId ?? simulator.Options.ClientId, token ?? simulator.Options.AccessToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(url, timeout.Token);
        return new FeedTestClient(socket);
    }

    /// <summary>Tries a handshake and returns the HTTP status the server answered with.</summary>
    public static async Task<int> HandshakeStatusAsync(Uri url)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(url, timeout.Token);
        }
        catch (WebSocketException)
        {
            // The status is what the test wants.
        }

        return (int)socket.HttpStatusCode;
    }

    public Task SubscribeAsync(int requestCode, params InstrumentKey[] instruments) =>
        SendTextAsync(RequestJson(requestCode, instruments));

    public static string RequestJson(int requestCode, IReadOnlyCollection<InstrumentKey> instruments)
    {
        var list = string.Join(",", instruments.Select(i => $$"""{"ExchangeSegment":"{{i.Segment.ToDhanName()}}","SecurityId":"{{i.SecurityId}}"}"""));
        return $$"""{"RequestCode":{{requestCode}},"InstrumentCount":{{instruments.Count}},"InstrumentList":[{{list}}]}""";
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Receives until the condition holds over the packets, the socket closes, or the timeout passes.</summary>
    public async Task ReceiveUntilAsync(Func<List<object>, bool> done, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var counters = new FeedDecodeCounters();
        var handler = new CollectingHandler(Packets);
        try
        {
            while (!done(Packets) && !IsClosed)
            {
                var result = await Socket.ReceiveAsync(buffer, cancel.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    IsClosed = true;
                    break;
                }

                Assert.True(result.EndOfMessage, "A feed packet spans several WebSocket frames.");
                Messages++;
                FeedDecoder.Decode(buffer.AsSpan(0, result.Count), ref handler, counters);
            }
        }
        catch (OperationCanceledException)
        {
            // The caller asserts on what arrived.
        }
        catch (WebSocketException)
        {
            IsClosed = true;
        }
    }

    public IEnumerable<T> Of<T>() => Packets.OfType<T>();

    public async ValueTask DisposeAsync()
    {
        Socket.Abort();
        Socket.Dispose();
        await Task.CompletedTask;
    }

    private sealed class CollectingHandler(List<object> packets) : IFeedPacketHandler
    {
        public void OnTicker(in TickerPacket packet) => packets.Add(packet);

        public void OnQuote(in QuotePacket packet) => packets.Add(packet);

        public void OnOpenInterest(in OpenInterestPacket packet) => packets.Add(packet);

        public void OnPreviousClose(in PreviousClosePacket packet) => packets.Add(packet);

        public void OnFull(in FullPacket packet) => packets.Add(packet);

        public void OnMarketStatus(in MarketStatusPacket packet) => packets.Add(packet);

        public void OnDisconnect(in DisconnectPacket packet) => packets.Add(packet);
    }
}
