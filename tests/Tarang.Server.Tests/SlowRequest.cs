using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tarang.Server.Tests;

/// <summary>
/// An HTTP/1.1 POST over a raw socket whose body is sent only when the test says. It asks for
/// <c>Expect: 100-continue</c>, and the server sends 100 Continue when the endpoint starts to read
/// the body, so after <see cref="StartAsync"/> returns the request is known to be in flight.
/// </summary>
internal sealed class SlowRequest : IDisposable
{
    private readonly TcpClient client = new();
    private readonly byte[] body;
    private NetworkStream stream = null!;

    private SlowRequest(byte[] body) => this.body = body;

    /// <summary>
    /// Sends the headers and waits for the server's 100 Continue. A <c>declaredLength</c> other than
    /// the body's announces a body that never ends (see <see cref="TrickleAsync"/>).
    /// </summary>
    public static async Task<SlowRequest> StartAsync(Uri server, string path, string jsonBody, TimeSpan timeout, long? declaredLength = null)
    {
        var request = new SlowRequest(Encoding.UTF8.GetBytes(jsonBody));
        await request.client.ConnectAsync(IPAddress.Loopback, server.Port);

        // Taken once: TcpClient.GetStream throws once the server has closed the connection.
        request.stream = request.client.GetStream();
        var headers = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {declaredLength ?? request.body.Length}\r\nExpect: 100-continue\r\n\r\n";
        await request.stream.WriteAsync(Encoding.ASCII.GetBytes(headers));

        using var cancellation = new CancellationTokenSource(timeout);
        var status = await request.ReadStatusAsync(cancellation.Token);
        Assert.Equal(HttpStatusCode.Continue, status);
        Assert.Equal(string.Empty, await request.ReadLineAsync(cancellation.Token));
        return request;
    }

    /// <summary>Sends the body and returns the final response's status code.</summary>
    public async Task<HttpStatusCode> FinishAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await stream.WriteAsync(body, cancellation.Token);
        return await ReadStatusAsync(cancellation.Token);
    }

    /// <summary>
    /// Sends JSON whitespace, 512 bytes every half second, until the server closes the connection
    /// or <paramref name="cancellationToken"/> is cancelled. The body never ends, and the rate stays
    /// above Kestrel's minimum body data rate (240 bytes/s), so only the server's shutdown ends the request.
    /// </summary>
    public async Task TrickleAsync(CancellationToken cancellationToken)
    {
        var spaces = Encoding.ASCII.GetBytes(new string(' ', 512));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await stream.WriteAsync(spaces, cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The server closed the connection, or the test is done.
        }
    }

    /// <summary>Reads until the server closes the connection; returns false when nothing closed it within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, cancellation.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            // A reset closes it too.
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => client.Dispose();

    private async Task<HttpStatusCode> ReadStatusAsync(CancellationToken cancellationToken)
    {
        // "HTTP/1.1 200 OK"
        var line = await ReadLineAsync(cancellationToken);
        return (HttpStatusCode)int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException($"The server closed the connection in the middle of a line (read '{line}').");
            }

            line.Append((char)one[0]);
        }

        return line.ToString()[..^2];
    }
}
