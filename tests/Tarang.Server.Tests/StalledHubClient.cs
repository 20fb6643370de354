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
        await ReadRecordAsync(socket);
        var invocation = JsonSerializer.Serialize(new
        {
            type = 1,
            invocationId = "1",
            target = "Subscribe",
            arguments = new object[] { new { instruments, mode } },
        });
        await SendAsync(socket, invocation);
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

    private static async Task ReadRecordAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains(RecordSeparator, StringComparison.Ordinal))
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}
