using System.Net;
using System.Net.WebSockets;
using Tarang.Dhan.Credentials;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

internal sealed partial class FeedConnection
{
    /// <summary>
    /// Records Dhan's disconnect reason for the open session and aborts its socket. The abort makes
    /// the reason's policy apply even when the server leaves the socket open. The consumer task calls it.
    /// </summary>
    public void RecordDhanReason(ushort reasonCode)
    {
        lock (feed.Sync)
        {
            if (session is null)
            {
                return;
            }

            session.DhanReason ??= reasonCode;

            // The session disposes its socket only after clearing the field, so the socket is not disposed here.
            session.Socket.Abort();
        }
    }

    /// <summary>
    /// Sends Dhan's disconnect request on the open socket, if any, and waits up to
    /// <c>Feed:DisconnectRequestTimeout</c> for the server to close it.
    /// </summary>
    public async Task SendDisconnectRequestAsync(CancellationToken cancellationToken)
    {
        FeedSession? open;
        lock (feed.Sync)
        {
            open = session;
        }

        if (open is null || open.Socket.State != WebSocketState.Open)
        {
            return;
        }

        var timeout = feed.Options.DisconnectRequestTimeout;
        using var timer = new CancellationTokenSource(timeout, WallClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await sendLock.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                await open.Socket.SendAsync(FeedRequestEncoder.EncodeDisconnect(), WebSocketMessageType.Text, true, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                sendLock.Release();
            }

            DhanFeed.Log.DisconnectRequestSent(feed.Logger, Index);
            await open.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Client stopping", linked.Token).ConfigureAwait(false);
            await open.Receiving.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            DhanFeed.Log.DisconnectRequestTimedOut(feed.Logger, Index, timeout);
        }
        catch (WebSocketException)
        {
            // The socket broke or closed first: nothing left to close gracefully.
        }
        catch (ObjectDisposedException)
        {
            // The session ended between the check and the send.
        }
    }

    /// <summary>Connects once and runs the session until it ends.</summary>
    /// <returns>Why the socket closed or the attempt failed.</returns>
    private async Task<FeedDisconnect> RunSessionAsync(FeedRun run, DhanCredentials credentials)
    {
        var token = run.Token;
        int attempt;
        lock (feed.Sync)
        {
            state = FeedState.Connecting;
            nextRetryAt = null;
            attempt = failures + tooManyConnections + 1;
        }

        feed.ReportState();
        var url = FeedAddress.Build(feed.FeedUrl, credentials);
        DhanFeed.Log.Connecting(feed.Logger, Index, FeedAddress.Redact(url), attempt);

        var socket = new ClientWebSocket();
        feed.Counters.SocketCreated();
        try
        {
            var failure = await ConnectAsync(socket, url, credentials, token).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            return await RunOpenSessionAsync(run, socket).ConfigureAwait(false);
        }
        finally
        {
            socket.Dispose();
            feed.Counters.SocketDisposed();
        }
    }

    /// <returns>Null when the socket is open, otherwise why the attempt failed.</returns>
    private async Task<FeedDisconnect?> ConnectAsync(ClientWebSocket socket, Uri url, DhanCredentials credentials, CancellationToken token)
    {
        var options = feed.Options;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;

        // .NET 9 and later: the client sends its own pings and aborts the socket when the pong to
        // one of them does not arrive within this timeout, at any hour.
        socket.Options.KeepAliveTimeout = options.PongTimeout;

        using var timer = new CancellationTokenSource(options.ConnectTimeout, WallClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timer.Token);
        feed.Counters.ConnectStarted();
        try
        {
            await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (!token.IsCancellationRequested
            && exception is WebSocketException or HttpRequestException or OperationCanceledException or IOException)
        {
            var now = WallClock.GetUtcNow();
            var detail = exception is OperationCanceledException
                ? $"connect timed out after {options.ConnectTimeout}"
                : FeedAddress.RedactMessage(exception.Message, url, credentials);
            if (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
            {
                return new FeedDisconnect(FeedDisconnectKind.UpgradeRejected, now) { HttpStatusCode = (int)socket.HttpStatusCode, Detail = detail };
            }

            return new FeedDisconnect(FeedDisconnectKind.ConnectFailed, now) { Detail = detail };
        }
        finally
        {
            feed.Counters.ConnectEnded();
        }
    }

    private async Task<FeedDisconnect> RunOpenSessionAsync(FeedRun run, ClientWebSocket socket)
    {
        var open = new FeedSession(socket, WallClock.GetTimestamp());

        // The watchdog's timer starts before the state becomes Live, for the same reason as the backoff's.
        var watchdog = StartWatchdog(open);
        int toSend;
        lock (feed.Sync)
        {
            session = open;
            Sent.Clear();
            state = FeedState.Live;
            toSend = Desired.Count;

            // Replay: the send loop sends the whole desired set of this slot, since nothing is sent yet.
            SignalSend();
        }

        feed.ReportState();
        DhanFeed.Log.Connected(feed.Logger, Index, toSend);

        using var sessionCancellation = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
        FeedDisconnect outcome;
        try
        {
            open.Receiving = ReceiveLoopAsync(run, open);
            var sending = SendLoopAsync(open, sessionCancellation.Token);
            await Task.WhenAny(open.Receiving, sending).ConfigureAwait(false);

            await sessionCancellation.CancelAsync().ConfigureAwait(false);
            socket.Abort();
            outcome = await open.Receiving.ConfigureAwait(false);
            await sending.ConfigureAwait(false);
        }
        finally
        {
            watchdog.Dispose();
            feed.Counters.TimerDisposed();
        }

        // Dhan's disconnect packet is decoded on the consumer task, so wait for it to reach this
        // session's last message before reading the reason.
        try
        {
            await DhanFeed.DrainAsync(run, run.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.Token.IsCancellationRequested)
        {
            // Stopping: the reason no longer matters.
        }

        int? reason;
        bool released;
        lock (feed.Sync)
        {
            reason = open.DhanReason;
            released = open.Released;
            session = null;
            Sent.Clear();
        }

        var openFor = WallClock.GetElapsedTime(open.OpenedAt);
        if (released)
        {
            return new FeedDisconnect(FeedDisconnectKind.NoDemand, WallClock.GetUtcNow()) { OpenFor = openFor };
        }

        if (reason is { } code)
        {
            return new FeedDisconnect(FeedDisconnectKind.DhanReason, WallClock.GetUtcNow()) { ReasonCode = code, OpenFor = openFor };
        }

        if (open.SilenceTimedOut)
        {
            return new FeedDisconnect(FeedDisconnectKind.Silence, outcome.At) { OpenFor = openFor };
        }

        return outcome with { OpenFor = openFor };
    }
}
