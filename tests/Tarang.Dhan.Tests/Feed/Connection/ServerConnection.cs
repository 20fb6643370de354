using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Tests.Feed.Connection;

/// <summary>The server side of one feed socket in <see cref="FeedTestServer"/>.</summary>
internal sealed class ServerConnection(WebSocket socket, string token, string clientId) : IDisposable
{
    private readonly Channel<FeedRequest> requests = Channel.CreateUnbounded<FeedRequest>();
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim sendLock = new(1, 1);

    public string Token { get; } = token;

    public string ClientId { get; } = clientId;

    /// <summary>Every request received so far, in order.</summary>
    public List<FeedRequest> Received { get; } = [];

    /// <summary>Instruments in every request received so far.</summary>
    public int ReceivedInstruments
    {
        get
        {
            lock (Received)
            {
                return Received.Sum(r => r.Instruments.Count);
            }
        }
    }

    /// <summary>Completes when the socket closed or broke.</summary>
    public Task Closed => closed.Task;

    public void Dispose() => sendLock.Dispose();

    public async Task<FeedRequest> NextRequestAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TestWait.Timeout);
        return await requests.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>Reads requests until <paramref name="count"/> instruments of <paramref name="code"/> arrived.</summary>
    public async Task<List<FeedRequest>> ReadUntilInstrumentsAsync(int code, int count)
    {
        var batches = new List<FeedRequest>();
        while (batches.Where(b => b.Code == code).Sum(b => b.Instruments.Count) < count)
        {
            batches.Add(await NextRequestAsync());
        }

        return batches;
    }

    public bool TryTakeRequest(out FeedRequest? request) => requests.Reader.TryRead(out request);

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, bool endOfMessage = true)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public Task SendTickerAsync(InstrumentKey instrument, float lastTradedPrice, uint lastTradeTime)
    {
        var bytes = new byte[FeedPacketLayout.TickerSize];
        FeedPacketEncoder.Write(new TickerPacket(instrument, lastTradedPrice, lastTradeTime), bytes);
        return SendAsync(bytes);
    }

    /// <summary>Sends Dhan's disconnect packet with the reason and closes the socket, as Dhan does.</summary>
    public async Task DisconnectAsync(ushort reasonCode)
    {
        var bytes = new byte[FeedPacketLayout.DisconnectSize];
        FeedPacketEncoder.Write(new DisconnectPacket(reasonCode), bytes);
        await SendAsync(bytes);
        await CloseAsync();
    }

    public async Task CloseAsync()
    {
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", CancellationToken.None);
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException)
        {
            // Already closed or aborted by the client, which aborts as soon as it decodes a
            // disconnect packet; the handler may then have disposed the socket.
        }
    }

    /// <summary>Drops the connection without a close handshake.</summary>
    public void Abort() => socket.Abort();

    internal async Task ReadAsync(CancellationToken aborted)
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), aborted);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync();
                    break;
                }

                var request = FeedRequest.Parse(Encoding.UTF8.GetString(buffer, 0, count));
                lock (Received)
                {
                    Received.Add(request);
                }

                requests.Writer.TryWrite(request);
                if (request.Code == 12)
                {
                    // Dhan ends the session when asked to disconnect.
                    await CloseAsync();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            closed.TrySetResult();
        }
    }

    internal async Task WaitClosedAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, aborted);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            closed.TrySetResult();
        }
    }
}

/// <summary>A JSON request the client sent: its code and instruments.</summary>
internal sealed record FeedRequest(int Code, int DeclaredCount, IReadOnlyList<InstrumentKey> Instruments, string Json)
{
    public static FeedRequest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var code = root.GetProperty("RequestCode").GetInt32();
        var declared = root.TryGetProperty("InstrumentCount", out var count) ? count.GetInt32() : 0;
        var instruments = new List<InstrumentKey>();
        if (root.TryGetProperty("InstrumentList", out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                Assert.True(ExchangeSegments.TryParseDhanName(item.GetProperty("ExchangeSegment").GetString(), out var segment));
                instruments.Add(new InstrumentKey(segment, uint.Parse(item.GetProperty("SecurityId").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return new FeedRequest(code, declared, instruments, json);
    }
}
