using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tarang.Server.Tests;

/// <summary>
/// A hub client on a raw WebSocket that performs SignalR's JSON handshake, subscribes, and then
/// never reads again, as a frozen browser tab or a stuck bot would.
/// </summary>
internal sealed class StalledHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket socket;

    private StalledHubClient(ClientWebSocket socket) => this.socket = socket;

    public static async Task<StalledHubClient> ConnectAsync(Uri server, string token, IReadOnlyList<string> instruments, string mode = "full")
    {
        var socket = new ClientWebSocket();
        var builder = new UriBuilder(new Uri(server, "/hubs/market")) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(token)}" };
        await socket.ConnectAsync(builder.Uri, CancellationToken.None);
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        await ReadUntilAsync(socket, _ => true);
        var invocation = JsonSerializer.Serialize(new
        {
            type = 1,
            invocationId = "1",
            target = "Subscribe",
            arguments = new object[] { new { instruments, mode } },
        });
        await SendAsync(socket, invocation);

        // The completion shows that the hub registered the connection and subscribed it.
        var completion = await ReadUntilAsync(socket, record => record.Contains("\"type\":3", StringComparison.Ordinal));
        if (completion.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The stalled client's Subscribe failed: {completion}");
        }

        return new StalledHubClient(socket);
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        await Task.CompletedTask;
    }

    private static Task SendAsync(ClientWebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Reads records until one matches and returns it. Earlier records are dropped.</summary>
    private static async Task<string> ReadUntilAsync(ClientWebSocket socket, Func<string, bool> match)
    {
        var buffer = new byte[16 * 1024];
        var pending = new List<byte>();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The server closed the stalled client before the expected message: {result.CloseStatusDescription}");
            }

            // The separator is one byte in UTF-8, so records are split as bytes and decoded whole.
            pending.AddRange(buffer.AsSpan(0, result.Count));
            int end;
            while ((end = pending.IndexOf((byte)RecordSeparator)) >= 0)
            {
                var record = Encoding.UTF8.GetString([.. pending.GetRange(0, end)]);
                pending.RemoveRange(0, end + 1);
                if (match(record))
                {
                    return record;
                }
            }
        }
    }
}
