using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tarang.Dhan.Feed.Connection;
using Tarang.Simulator.Control;

namespace Tarang.Simulator.Feed;

/// <summary>
/// The feed handshake at <c>/?version=2&amp;token=…&amp;clientId=…&amp;authType=2</c>: HTTP 400 for a
/// missing or wrong parameter or a request that is not a WebSocket upgrade, 401 for a wrong
/// token or client id, and the control hooks' refusal or stall before any of these.
/// </summary>
internal sealed class FeedEndpoint(FeedContext context, FeedConnectionRegistry registry, HandshakeControl handshake, ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (handshake.RefusalStatusCode is { } refusal)
        {
            await RejectAsync(http, refusal, "The handshake is refused by the control endpoint.").ConfigureAwait(false);
            return;
        }

        try
        {
            await handshake.WaitWhileStalledAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up while the handshake was stalled.
            return;
        }

        var query = http.Request.Query;
        var token = query["token"].ToString();
        var clientId = query["clientId"].ToString();
        if (query["version"] != "2" || query["authType"] != "2" || token.Length == 0 || clientId.Length == 0)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "The query needs version=2, token, clientId and authType=2.").ConfigureAwait(false);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "The feed is a WebSocket; send an upgrade request.").ConfigureAwait(false);
            return;
        }

        if (!FixedTimeEquals(token, context.Options.AccessToken) || !FixedTimeEquals(clientId, context.Options.ClientId))
        {
            await RejectAsync(http, StatusCodes.Status401Unauthorized, "The token or client id is wrong.").ConfigureAwait(false);
            return;
        }

        // The server sends a ping every interval and aborts when no pong follows within the
        // timeout, so a silent client is dropped PongTimeout after its last pong.
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = context.Options.PingInterval,
            KeepAliveTimeout = context.Options.PongTimeout - context.Options.PingInterval,
        }).ConfigureAwait(false);

        using var connection = new FeedConnection(registry.NextId(), clientId, socket, context, logger);
        Log.FeedConnected(logger, connection.Id, clientId);
        var evicted = registry.Add(connection);
        if (evicted is not null)
        {
            _ = evicted.DisconnectAsync(DhanDisconnectReasons.TooManyConnections, "A newer connection of the same client id opened beyond the limit.");
        }

        try
        {
            await connection.RunAsync(http.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            registry.Remove(connection);
        }
    }

    private async Task RejectAsync(HttpContext http, int statusCode, string reason)
    {
        Log.HandshakeRejected(logger, statusCode, reason);
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(reason, http.RequestAborted).ConfigureAwait(false);
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(actual), System.Text.Encoding.UTF8.GetBytes(expected));
}
