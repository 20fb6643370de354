using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Tarang.Dhan.Feed;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Feed;

/// <summary>
/// One accepted feed WebSocket: it reads subscribe, unsubscribe and disconnect requests and sends
/// each subscribed instrument's ticks in its modes, one packet per WebSocket message as Dhan does.
/// </summary>
internal sealed partial class FeedConnection : IDisposable
{
    private const int MaxRequestBytes = 1 << 20;

    /// <summary>How long the server waits for the client's close frame after sending its own.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket socket;
    private readonly FeedContext context;
    private readonly ILogger logger;
    private readonly Dictionary<InstrumentKey, FeedSubscription> subscriptions = [];
    private readonly Lock subscriptionLock = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly CancellationTokenSource pumpStopping = new();
    private readonly CancellationTokenSource receiveStopping = new();
    private readonly byte[] packetBuffer = new byte[FeedPacketLayout.FullSize];
    private readonly List<ReplayTick> dueTicks = [];
    private int closed;

    public FeedConnection(long id, string clientId, WebSocket socket, FeedContext context, ILogger logger)
    {
        Id = id;
        ClientId = clientId;
        this.socket = socket;
        this.context = context;
        this.logger = logger;
        ConnectedAt = context.WallClock.GetUtcNow();
    }

    public long Id { get; }

    public string ClientId { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>When true the connection stays open but sends nothing, as a feed that has gone quiet.</summary>
    public bool IsSilent { get; set; }

    public int InstrumentCount
    {
        get
        {
            lock (subscriptionLock)
            {
                return subscriptions.Count;
            }
        }
    }

    /// <summary>Runs the connection until the client leaves, a request breaks a rule or the server stops.</summary>
    public async Task RunAsync(CancellationToken serverStopping)
    {
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, receiveStopping.Token);
        using var pumping = CancellationTokenSource.CreateLinkedTokenSource(receiving.Token, pumpStopping.Token);
        var pump = PumpAsync(pumping.Token);
        try
        {
            await ReceiveAsync(receiving.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            Log.FeedFailed(logger, Id, ex);
        }
        finally
        {
            await pumpStopping.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
            if (socket.State != WebSocketState.Closed)
            {
                socket.Abort();
            }

            Log.FeedClosed(logger, Id);
        }
    }

    /// <summary>
    /// Sends a disconnect packet with the reason code and a close frame, then waits up to
    /// <see cref="CloseHandshakeTimeout"/> for the client's close frame before aborting.
    /// </summary>
    public async Task DisconnectAsync(ushort reasonCode, string reason)
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return;
        }

        Log.FeedDisconnected(logger, Id, reasonCode, reason);
        try
        {
            await pumpStopping.CancelAsync().ConfigureAwait(false);
            await SendPacketAsync(new DisconnectPacket(reasonCode), CancellationToken.None).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason.Length > 100 ? reason[..100] : reason, timeout.Token).ConfigureAwait(false);
            receiveStopping.CancelAfter(CloseHandshakeTimeout);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Log.FeedFailed(logger, Id, ex);
        }
    }

    public void Dispose()
    {
        pumpStopping.Dispose();
        receiveStopping.Dispose();
        sendLock.Dispose();
    }

    /// <summary>Drops the TCP connection without a disconnect packet or a close frame.</summary>
    public void Drop()
    {
        Interlocked.Exchange(ref closed, 1);
        socket.Abort();
        try
        {
            receiveStopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection has already ended.
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (Interlocked.Exchange(ref closed, 1) == 0)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxRequestBytes)
                {
                    await DisconnectAsync(DhanDisconnectReasons.InvalidRequest, "A request message is larger than 1 MiB.").ConfigureAwait(false);
                    message.SetLength(0);
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                // Requests after the server's close frame are ignored while the client's close frame is awaited.
                if (Volatile.Read(ref closed) == 0)
                {
                    await HandleRequestAsync(message.GetBuffer().AsMemory(0, (int)message.Length), result.MessageType).ConfigureAwait(false);
                }

                message.SetLength(0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleRequestAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type)
    {
        if (!FeedRequest.TryParse(payload.Span, type, out var request, out var error))
        {
            await DisconnectAsync(DhanDisconnectReasons.InvalidRequest, error).ConfigureAwait(false);
            return;
        }

        if (request.Code == FeedRequestCode.Disconnect)
        {
            context.Requests.RecordDisconnect();
            Interlocked.Exchange(ref closed, 1);
            await pumpStopping.CancelAsync().ConfigureAwait(false);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Disconnect requested.", CancellationToken.None).ConfigureAwait(false);
            receiveStopping.CancelAfter(CloseHandshakeTimeout);
            return;
        }

        if (request.Instruments.Count > context.Options.MaxInstrumentsPerMessage)
        {
            await DisconnectAsync(DhanDisconnectReasons.InstrumentLimitExceeded,
                $"A request lists {request.Instruments.Count} instruments; at most {context.Options.MaxInstrumentsPerMessage} are allowed per message.").ConfigureAwait(false);
            return;
        }

        context.Requests.Record(request);
        lock (subscriptionLock)
        {
            if (request.IsSubscribe)
            {
                var added = request.Instruments.Count(key => !subscriptions.ContainsKey(key));
                if (subscriptions.Count + added > context.Options.MaxInstrumentsPerConnection)
                {
                    request = request with { Instruments = [] };
                    error = $"The connection would hold {subscriptions.Count + added} instruments; at most {context.Options.MaxInstrumentsPerConnection} are allowed.";
                }
                else
                {
                    foreach (var key in request.Instruments)
                    {
                        if (!subscriptions.TryGetValue(key, out var subscription))
                        {
                            subscription = new FeedSubscription();
                            subscriptions.Add(key, subscription);
                        }

                        if (subscription.Modes.Add(request.Mode))
                        {
                            subscription.SnapshotModes.Add(request.Mode);
                        }
                    }
                }
            }
            else
            {
                foreach (var key in request.Instruments)
                {
                    if (subscriptions.TryGetValue(key, out var subscription) && subscription.Modes.Remove(request.Mode) && subscription.Modes.Count == 0)
                    {
                        subscriptions.Remove(key);
                    }
                }
            }
        }

        if (request.IsSubscribe && request.Instruments.Count == 0 && error.Length > 0)
        {
            await DisconnectAsync(DhanDisconnectReasons.InstrumentLimitExceeded, error).ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(context.Options.PumpInterval, context.WallClock);
        try
        {
            do
            {
                if (!IsSilent)
                {
                    await SendDueAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The connection is closing.
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            Log.FeedFailed(logger, Id, ex);
            socket.Abort();
        }
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        if (context.Synthetic is { } synthetic)
        {
            await SendSyntheticAsync(synthetic, cancellationToken).ConfigureAwait(false);
            return;
        }

        var snapshot = context.Clock.GetSnapshot();
        var now = snapshot.Instant;
        var position = (Ist.DateOf(now), snapshot.Epoch);

        KeyValuePair<InstrumentKey, FeedSubscription>[] current;
        lock (subscriptionLock)
        {
            current = [.. subscriptions];
        }

        foreach (var (key, subscription) in current)
        {
            FeedMode[] modes;
            FeedMode[] snapshotModes;
            lock (subscriptionLock)
            {
                modes = [.. subscription.Modes];
                snapshotModes = [.. subscription.SnapshotModes];
                subscription.SnapshotModes.Clear();
            }

            dueTicks.Clear();
            var latest = CollectDue(key, subscription, position, now);
            if (subscription.Day is { } day && !subscription.PreviousCloseSent)
            {
                subscription.PreviousCloseSent = true;
                if (day.PreviousClose is { } previousClose)
                {
                    await SendPacketAsync(new PreviousClosePacket(key, (float)previousClose.Price, 0), cancellationToken).ConfigureAwait(false);
                }
            }

            // A newly subscribed mode first gets the latest tick, as Dhan sends the current state on subscribe.
            if (latest is not null && snapshotModes.Length > 0)
            {
                await SendTickAsync(key, latest, subscription.Day?.PreviousClose, snapshotModes, cancellationToken).ConfigureAwait(false);
            }

            foreach (var tick in dueTicks)
            {
                await SendTickAsync(key, tick, subscription.Day?.PreviousClose, modes, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Adds the ticks that came due to dueTicks and returns the latest tick sent before them, if any.
    private ReplayTick? CollectDue(InstrumentKey key, FeedSubscription subscription, (DateOnly Date, int Epoch) position, DateTimeOffset now)
    {
        if (subscription.Position != position)
        {
            var isNew = subscription.Position is null;
            subscription.Position = position;
            subscription.Day = context.Engine.GetDay(key, position.Date);
            subscription.PreviousCloseSent = false;

            // A new subscription starts at the clock's now; a new day or epoch starts at its first tick.
            subscription.NextIndex = isNew ? subscription.Day?.FirstIndexAfter(now) ?? 0 : 0;
        }

        if (subscription.Day is not { } day)
        {
            return null;
        }

        var latest = subscription.NextIndex > 0 ? day.Ticks[subscription.NextIndex - 1] : null;

        while (subscription.NextIndex < day.Ticks.Count && day.Ticks[subscription.NextIndex].Time <= now)
        {
            dueTicks.Add(day.Ticks[subscription.NextIndex]);
            subscription.NextIndex++;
        }

        return latest;
    }

    private async Task SendTickAsync(InstrumentKey key, ReplayTick tick, PreviousClose? previousClose, FeedMode[] modes, CancellationToken cancellationToken)
    {
        foreach (var mode in modes)
        {
            switch (mode)
            {
                case FeedMode.Ticker:
                    await SendPacketAsync(FeedPackets.Ticker(key, tick), cancellationToken).ConfigureAwait(false);
                    break;
                case FeedMode.Quote:
                    await SendPacketAsync(FeedPackets.Quote(key, tick, previousClose), cancellationToken).ConfigureAwait(false);
                    if (IsDerivative(key) && tick.OpenInterest is { } openInterest)
                    {
                        await SendPacketAsync(new OpenInterestPacket(key, (uint)Math.Clamp(openInterest, 0, uint.MaxValue)), cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case FeedMode.Full:
                    await SendPacketAsync(FeedPackets.Full(key, tick, previousClose), cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static bool IsDerivative(InstrumentKey key) =>
        key.Segment is ExchangeSegment.NseFno or ExchangeSegment.BseFno or ExchangeSegment.McxComm;

    private Task SendPacketAsync(in TickerPacket packet, CancellationToken cancellationToken) =>
        SendAsync(FeedPacketEncoder.Write(packet, packetBuffer), cancellationToken);

    private Task SendPacketAsync(in QuotePacket packet, CancellationToken cancellationToken) =>
        SendAsync(FeedPacketEncoder.Write(packet, packetBuffer), cancellationToken);

    private Task SendPacketAsync(in FullPacket packet, CancellationToken cancellationToken) =>
        SendAsync(FeedPacketEncoder.Write(packet, packetBuffer), cancellationToken);

    private Task SendPacketAsync(in OpenInterestPacket packet, CancellationToken cancellationToken) =>
        SendAsync(FeedPacketEncoder.Write(packet, packetBuffer), cancellationToken);

    private Task SendPacketAsync(in PreviousClosePacket packet, CancellationToken cancellationToken) =>
        SendAsync(FeedPacketEncoder.Write(packet, packetBuffer), cancellationToken);

    private async Task SendPacketAsync(DisconnectPacket packet, CancellationToken cancellationToken)
    {
        var bytes = new byte[FeedPacketLayout.DisconnectSize];
        FeedPacketEncoder.Write(packet, bytes);
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }

    // The pump is the only caller that uses packetBuffer, so the buffer is free again once the send completes.
    // A cancelled WebSocket send aborts the socket, so the token only cuts the wait for the lock.
    // Once the connection is closing, nothing more is sent after the disconnect packet.
    private async Task SendAsync(int length, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref closed) != 0)
            {
                return;
            }

            await socket.SendAsync(packetBuffer.AsMemory(0, length), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }
}
