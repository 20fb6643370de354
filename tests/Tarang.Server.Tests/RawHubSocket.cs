using System.Net.WebSockets;
using System.Text;

namespace Tarang.Server.Tests;

/// <summary>
/// The market hub over a bare WebSocket with SignalR's JSON protocol, so a test can see the frames
/// themselves: the hub messages (separated by the record separator 0x1E) and the close frame.
/// </summary>
internal sealed class RawHubSocket : IDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket socket = new();

    /// <summary>The hub messages received, as JSON text.</summary>
    public List<string> Messages { get; } = [];

    /// <summary>Why receiving stopped without a close frame, if it did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The close frame's status, once received.</summary>
    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public static async Task<RawHubSocket> ConnectAsync(Uri server, string token, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var hub = new RawHubSocket();
        var url = new UriBuilder(server) { Scheme = "ws", Path = "/hubs/market", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        await hub.socket.ConnectAsync(url, cancellation.Token);
        await hub.socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, cancellation.Token);

        // The handshake response is an empty JSON object, "{}"; hub messages may follow in the same frame.
        var first = await hub.ReceiveTextAsync(cancellation.Token) ?? string.Empty;
        var records = first.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("{}", records.FirstOrDefault());
        hub.Messages.AddRange(records.Skip(1));
        return hub;
    }

    /// <summary>Receives until the server's close frame; returns false when none came within <paramref name="timeout"/>.</summary>
    public async Task<bool> ReceiveUntilCloseAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (await ReceiveTextAsync(cancellation.Token) is { } text)
            {
                Messages.AddRange(text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries));
            }

            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            Failure = exception;
            return false;
        }
    }

    public void Dispose() => socket.Dispose();

    /// <returns>One text message, or null at the close frame.</returns>
    private async Task<string?> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }
}
