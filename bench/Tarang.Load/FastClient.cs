using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Tarang.Load;

/// <summary>
/// A client that reads everything: the official .NET SignalR client (JSON protocol, WebSockets)
/// with its own session. Each update's latency is the callback's wall-clock time minus the
/// snapshot's <c>receivedAt</c>, the server's time stamp for the feed message, on the same machine's clock.
/// </summary>
internal sealed class FastClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly DeliveryStats stats;
    private readonly ReasonTally disconnects;
    private readonly HashSet<string> instruments;
    private string? closingReason;
    private volatile bool stopping;

    public FastClient(Uri server, string token, IEnumerable<string> instruments, string mode, DeliveryStats stats, ReasonTally disconnects)
    {
        this.stats = stats;
        this.disconnects = disconnects;
        this.instruments = [.. instruments];
        Mode = mode;
        Token = token;
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "hubs/market"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        connection.On<MarketStamp[]>("marketUpdates", OnMarketUpdates);
        connection.On<JsonElement>("closing", notice => closingReason = ReasonOf(notice));
        connection.Closed += OnClosed;
    }

    /// <summary>The session token; the soak logs it out when the client leaves.</summary>
    public string Token { get; }

    public string Mode { get; private set; }

    public IReadOnlyCollection<string> Instruments => instruments;

    /// <summary>True from a successful start until the connection closes.</summary>
    public bool IsConnected => connection.State == HubConnectionState.Connected;

    /// <summary>True when the server closed the connection (or it failed) without the tool asking.</summary>
    public bool WasDisconnected { get; private set; }

    /// <summary>Connects and subscribes the client's instruments.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.StartAsync(cancellationToken).ConfigureAwait(false);
        await SubscribeAsync(instruments, Mode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces some instruments with others, in a new mode for the new ones.</summary>
    public async Task ChangeSubscriptionAsync(IReadOnlyCollection<string> remove, IReadOnlyCollection<string> add, string mode, CancellationToken cancellationToken)
    {
        await connection.InvokeAsync("Unsubscribe", new UnsubscribeRequest([.. remove]), cancellationToken).ConfigureAwait(false);
        instruments.ExceptWith(remove);
        await SubscribeAsync(add, mode, cancellationToken).ConfigureAwait(false);
        instruments.UnionWith(add);
        Mode = mode;
    }

    /// <summary>Counts as user activity, so a long soak does not idle the session out.</summary>
    public Task HeartbeatAsync(CancellationToken cancellationToken) => connection.InvokeAsync("Heartbeat", cancellationToken);

    /// <summary>Closes the connection; a close the tool asked for is not counted as a disconnect.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping = true;
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private static string ReasonOf(JsonElement notice) =>
        notice.ValueKind == JsonValueKind.Object && notice.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString() ?? "(empty reason)"
            : notice.ToString();

    private async Task SubscribeAsync(IEnumerable<string> keys, string mode, CancellationToken cancellationToken)
    {
        var result = await connection.InvokeAsync<JsonElement>("Subscribe", new SubscribeRequest([.. keys], mode), cancellationToken).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("snapshots", out var snapshots) && snapshots.ValueKind == JsonValueKind.Array)
        {
            stats.RecordSnapshots(snapshots.GetArrayLength());
        }
    }

    private void OnMarketUpdates(MarketStamp[] batch)
    {
        var now = DateTimeOffset.UtcNow;
        stats.RecordBatch();
        foreach (var update in batch)
        {
            if (update.ReceivedAt is { } receivedAt)
            {
                stats.RecordUpdate((now - receivedAt).Ticks / TimeSpan.TicksPerMicrosecond);
            }
        }
    }

    private Task OnClosed(Exception? exception)
    {
        if (!stopping)
        {
            WasDisconnected = true;
            disconnects.Add(closingReason is not null
                ? $"closing: {closingReason}"
                : exception is not null ? $"{exception.GetType().Name}: {exception.Message}" : "closed by the server without a closing event");
        }

        return Task.CompletedTask;
    }
}

/// <summary>The two fields of a <c>MarketSnapshot</c> the tool reads; the JSON protocol skips the rest.</summary>
internal sealed record MarketStamp(string? Instrument, DateTimeOffset? ReceivedAt);

/// <summary>The hub's <c>Subscribe</c> argument; the JSON protocol writes it in camelCase.</summary>
internal sealed record SubscribeRequest(string[] Instruments, string Mode);

/// <summary>The hub's <c>Unsubscribe</c> argument.</summary>
internal sealed record UnsubscribeRequest(string[] Instruments);
