using System.Buffers;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tarang.Load;

/// <summary>
/// A client stalled at the socket: a raw WebSocket that negotiates, connects with its session
/// token, does the SignalR JSON handshake, invokes <c>Subscribe</c> and then never reads again.
/// It keeps sending SignalR pings, so the server cannot mistake it for a silent client. A ping
/// that fails shows that the server closed the connection. Its socket has a small receive buffer,
/// so the server's writes block after a few kilobytes rather than after megabytes of kernel buffer.
/// </summary>
internal sealed class StalledClient : IAsyncDisposable
{
    /// <summary>SO_RCVBUF of the stalled sockets, in bytes; Linux doubles it.</summary>
    public const int ReceiveBufferBytes = 4_096;

    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(3);
    private const int MaxDrainBytes = 32 * 1024 * 1024;

    private static readonly HttpMessageInvoker SmallBufferInvoker = new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = ReceiveBufferBytes };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly ReasonTally disconnects;
    private Task pinging = Task.CompletedTask;

    public StalledClient(string token, ReasonTally disconnects)
    {
        Token = token;
        this.disconnects = disconnects;
    }

    public string Token { get; }

    /// <summary>True from the handshake until a ping fails.</summary>
    public bool IsOpen { get; private set; }

    public bool WasDisconnected { get; private set; }

    /// <summary>Time from the subscription to the failed ping that showed the server had closed the connection.</summary>
    public TimeSpan? TimeToDisconnect { get; private set; }

    public async Task StartAsync(HttpClient http, IReadOnlyCollection<string> instruments, string mode, CancellationToken cancellationToken)
    {
        // Negotiate, as the official clients do, for the connection token.
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri("hubs/market/negotiate?negotiateVersion=1", UriKind.Relative));
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var negotiated = await http.SendAsync(negotiate, cancellationToken).ConfigureAwait(false);
        negotiated.EnsureSuccessStatusCode();
        var body = await negotiated.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        var connectionToken = body.GetProperty("connectionToken").GetString();

        var url = new UriBuilder(new Uri(http.BaseAddress!, "hubs/market"))
        {
            Scheme = "ws",
            Query = $"id={Uri.EscapeDataString(connectionToken!)}&access_token={Uri.EscapeDataString(Token)}",
        }.Uri;
        await socket.ConnectAsync(url, SmallBufferInvoker, cancellationToken).ConfigureAwait(false);

        await SendAsync("""{"protocol":"json","version":1}""", cancellationToken).ConfigureAwait(false);
        var handshake = await ReadRecordAsync(cancellationToken).ConfigureAwait(false);
        if (handshake.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The hub rejected the handshake: {handshake}");
        }

        var subscribe = JsonSerializer.Serialize(new
        {
            type = 1,
            invocationId = "1",
            target = "Subscribe",
            arguments = new object[] { new { instruments, mode } },
        });
        await SendAsync(subscribe, cancellationToken).ConfigureAwait(false);
        IsOpen = true;

        // From here on nothing is read.
        pinging = PingUntilClosedAsync(stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await pinging.ConfigureAwait(false);
        socket.Abort();
        socket.Dispose();
        stopping.Dispose();
    }

    private async Task PingUntilClosedAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (true)
            {
                await Task.Delay(PingInterval, cancellationToken).ConfigureAwait(false);
                await SendAsync("""{"type":6}""", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            IsOpen = false;
            WasDisconnected = true;
            TimeToDisconnect = started.Elapsed;
            var reason = await DrainForReasonAsync().ConfigureAwait(false);
            disconnects.Add(reason ?? $"no reason readable (the ping failed: {exception.GetType().Name})");
        }
    }

    // The server's reason is in a 'closing' event, a close message or the close frame, all queued
    // behind what the client never read. What the kernel still has is read here, but a reset
    // connection has lost it.
    private async Task<string?> DrainForReasonAsync()
    {
        using var timeout = new CancellationTokenSource(DrainTimeout);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var record = new List<byte>();
        string? reason = null;
        var total = 0;
        try
        {
            while (total < MaxDrainBytes)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token).ConfigureAwait(false);
                total += result.Count;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return reason ?? (socket.CloseStatusDescription is { Length: > 0 } description ? $"close frame: {description}" : $"close frame: {socket.CloseStatus}");
                }

                foreach (var value in buffer.AsSpan(0, result.Count))
                {
                    if (value != RecordSeparator)
                    {
                        // Only the start of each record is kept; the reason is near the start.
                        if (record.Count < 4_096)
                        {
                            record.Add(value);
                        }

                        continue;
                    }

                    reason = ReasonIn(Encoding.UTF8.GetString([.. record])) ?? reason;
                    record.Clear();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Reset or timed out: the reason, if any was read, is all there is.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return reason;
    }

    // A 'closing' invocation gives its reason argument; a close message (type 7) its error.
    private static string? ReasonIn(string message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            if (root.TryGetProperty("target", out var target) && target.GetString() == "closing"
                && root.TryGetProperty("arguments", out var arguments) && arguments.GetArrayLength() > 0)
            {
                var notice = arguments[0];
                return notice.ValueKind == JsonValueKind.Object && notice.TryGetProperty("reason", out var reason)
                    ? $"closing: {reason.GetString()}"
                    : $"closing: {notice}";
            }

            return root.TryGetProperty("type", out var type) && type.GetInt32() == 7
                ? $"close message: {(root.TryGetProperty("error", out var error) ? error.GetString() : "(no error)")}"
                : null;
        }
        catch (JsonException)
        {
            // A record cut at 4 KB; updates are long, and the reason messages are short.
            return null;
        }
    }

    private Task SendAsync(string message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message + (char)RecordSeparator);
        return socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    private async Task<string> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[1_024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The hub closed the connection during the handshake: {socket.CloseStatus} {socket.CloseStatusDescription}");
            }

            var separator = buffer.AsSpan(0, result.Count).IndexOf(RecordSeparator);
            if (separator >= 0)
            {
                received.AddRange(buffer.AsSpan(0, separator));
                return Encoding.UTF8.GetString([.. received]);
            }

            received.AddRange(buffer.AsSpan(0, result.Count));
        }
    }
}
