using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tarang.Dhan.Tests.Feed.Connection;

/// <summary>
/// A Kestrel WebSocket server on 127.0.0.1 that speaks enough of Dhan's live feed for the
/// connection tests. It accepts the upgrade or rejects it with a chosen status, records every
/// text request, and lets the test send binary frames, disconnect packets and closes.
/// </summary>
internal sealed class FeedTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ServerConnection> accepted = Channel.CreateUnbounded<ServerConnection>();
    private int upgradeRequests;

    private FeedTestServer(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>When set, upgrades are rejected with this HTTP status instead of 101.</summary>
    public int? RejectWithStatus { get; set; }

    /// <summary>When set, each upgrade waits for this task before it completes.</summary>
    public Task? HoldUpgrade { get; set; }

    /// <summary>When false, the server never reads, so it sends no pong for a ping.</summary>
    public bool ReadsMessages { get; set; } = true;

    /// <summary>Upgrade requests seen, rejected ones included.</summary>
    public int UpgradeRequests => Volatile.Read(ref upgradeRequests);

    /// <summary>Query strings of every upgrade request, rejected ones included.</summary>
    public List<string> QueryStrings { get; } = [];

    public static async Task<FeedTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FeedTestServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/feed");
        return server;
    }

    /// <summary>Waits for the next accepted WebSocket.</summary>
    public async Task<ServerConnection> AcceptAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TestWait.Timeout);
        return await accepted.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>Returns true when a WebSocket was accepted and not yet taken by <see cref="AcceptAsync"/>.</summary>
    public bool TryAccept(out ServerConnection? connection) => accepted.Reader.TryRead(out connection);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref upgradeRequests);
        lock (QueryStrings)
        {
            QueryStrings.Add(context.Request.QueryString.Value ?? "");
        }

        if (!context.WebSockets.IsWebSocketRequest || context.Request.Path != "/feed")
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (RejectWithStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        if (HoldUpgrade is { } hold)
        {
            await hold;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new ServerConnection(socket, context.Request.Query["token"].ToString(), context.Request.Query["clientId"].ToString());
        accepted.Writer.TryWrite(connection);
        if (ReadsMessages)
        {
            await connection.ReadAsync(context.RequestAborted);
        }
        else
        {
            await connection.WaitClosedAsync(context.RequestAborted);
        }
    }
}
