using System.Net.WebSockets;
using System.Text;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;

namespace Tarang.Simulator.Tests;

/// <summary>
/// A Dhan feed client for tests: a real ClientWebSocket read by a background loop whose
/// messages go through FeedDecoder. Cancelling a pending receive would abort the socket, so
/// tests wait on the collected packets instead.
/// </summary>
internal sealed class FeedTestClient : IAsyncDisposable
{
    private readonly List<object> packets = [];
    private readonly Lock packetLock = new();
    private readonly Task? reader;
    private volatile bool closed;
    private int messages;

    private FeedTestClient(ClientWebSocket socket, bool read)
    {
        Socket = socket;
        reader = read ? Task.Run(ReadAsync) : null;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>A copy of every packet received so far, in order.</summary>
    public IReadOnlyList<object> Packets
    {
        get
        {
            lock (packetLock)
            {
                return [.. packets];
            }
        }
    }

    /// <summary>The packets and WebSocket messages received so far, read together to check one packet per message.</summary>
    public (int Packets, int Messages) Counts()
    {
        lock (packetLock)
        {
            return (packets.Count, messages);
        }
    }

    public bool IsClosed => closed;

    /// <summary>Connects with the simulator's credentials; with <paramref name="read"/> false nothing reads, so no pongs go out.</summary>
    public static async Task<FeedTestClient> ConnectAsync(RunningSimulator simulator, bool read = true)
    {
        var socket = new ClientWebSocket();
        var url = simulator.FeedUrlFor(simulator.Options.ClientId, simulator.Options.AccessToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(url, timeout.Token);
        return new FeedTestClient(socket, read);
    }

    /// <summary>Tries a handshake and returns the HTTP status of the server's response.</summary>
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

    public void Clear()
    {
        lock (packetLock)
        {
            packets.Clear();
        }
    }

    /// <summary>Waits until the condition is true for the packets, the socket closes, or the timeout passes.</summary>
    public async Task ReceiveUntilAsync(Func<IReadOnlyList<object>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Packets) && !closed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    public IEnumerable<T> Of<T>() => Packets.OfType<T>();

    public async ValueTask DisposeAsync()
    {
        Socket.Abort();
        if (reader is not null)
        {
            await reader;
        }

        Socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var counters = new FeedDecodeCounters();
        var handler = new CollectingHandler(packets, packetLock);
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }

                if (!result.EndOfMessage)
                {
                    throw new InvalidOperationException("A feed packet spans several WebSocket frames.");
                }

                lock (packetLock)
                {
                    FeedDecoder.Decode(buffer.AsSpan(0, result.Count), ref handler, counters);
                    messages++;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket ended without a close frame; IsClosed reports it.
        }
        finally
        {
            closed = true;
        }
    }

    private sealed class CollectingHandler(List<object> packets, Lock packetLock) : IFeedPacketHandler
    {
        public void OnTicker(in TickerPacket packet) => Add(packet);

        public void OnQuote(in QuotePacket packet) => Add(packet);

        public void OnOpenInterest(in OpenInterestPacket packet) => Add(packet);

        public void OnPreviousClose(in PreviousClosePacket packet) => Add(packet);

        public void OnFull(in FullPacket packet) => Add(packet);

        public void OnMarketStatus(in MarketStatusPacket packet) => Add(packet);

        public void OnDisconnect(in DisconnectPacket packet) => Add(packet);

        private void Add(object packet)
        {
            lock (packetLock)
            {
                packets.Add(packet);
            }
        }
    }
}
