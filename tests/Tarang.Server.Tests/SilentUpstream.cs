using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Tarang.Server.Tests;

/// <summary>
/// A feed upstream that never responds: a TCP listener on loopback that accepts connections and
/// then reads nothing more. With <c>answerUpgrade</c> it first reads the WebSocket upgrade request
/// and sends 101, so the client's socket is open. Without it the upgrade request is never read.
/// Point <c>Dhan:FeedUrl</c> at <see cref="FeedUrl"/>.
/// </summary>
internal sealed class SilentUpstream : IAsyncDisposable
{
    // RFC 6455 §1.3: the GUID appended to Sec-WebSocket-Key before hashing.
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> clients = [];
    private readonly bool answerUpgrade;
    private readonly Task accepting;
    private int accepted;
    private int upgraded;

    public SilentUpstream(bool answerUpgrade)
    {
        this.answerUpgrade = answerUpgrade;
        listener.Start();
        FeedUrl = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri FeedUrl { get; }

    /// <summary>TCP connections accepted.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>Connections whose upgrade got the 101 response.</summary>
    public int Upgraded => Volatile.Read(ref upgraded);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    // RFC 6455 fixes SHA-1 for the handshake; it protects nothing here.
#pragma warning disable CA5350
    private static string AcceptKey(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            clients.Add(client);
            Interlocked.Increment(ref accepted);
            if (answerUpgrade)
            {
                _ = AnswerUpgradeAsync(client);
            }
        }
    }

    private async Task AnswerUpgradeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var request = await ReadHeadersAsync(stream);
            var key = request.Split("\r\n")
                .Select(line => line.Split(':', 2))
                .Single(parts => parts.Length == 2 && parts[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1]
                .Trim();
            var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Accept: {AcceptKey(key)}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
            Interlocked.Increment(ref upgraded);

            // From here on nothing is read: the client's frames stay in the socket buffers.
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    // Reads one byte at a time so nothing after the headers (the client's first frames) is consumed.
    private static async Task<string> ReadHeadersAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("The client closed before the end of the upgrade request.");
            }

            text.Append((char)one[0]);
        }

        return text.ToString();
    }
}
