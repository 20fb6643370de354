using System.Collections.Concurrent;
using MessagePack;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Tarang.Server.Tests;

/// <summary>A real SignalR client of the market hub that records what it receives.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<SnapshotView[]>("marketUpdates", batch =>
        {
            foreach (var snapshot in batch)
            {
                Updates.Enqueue(snapshot);
            }

            Batches.Enqueue(batch.Length);
        });
        connection.On<FeedStateView>("feedState", FeedStates.Enqueue);
        connection.On<ClosingView>("closing", Closings.Enqueue);
        connection.Closed += error =>
        {
            ClosedWith.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public ConcurrentQueue<SnapshotView> Updates { get; } = new();

    public ConcurrentQueue<int> Batches { get; } = new();

    public ConcurrentQueue<FeedStateView> FeedStates { get; } = new();

    public ConcurrentQueue<ClosingView> Closings { get; } = new();

    public TaskCompletionSource<Exception?> ClosedWith { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Builds a connection; with <paramref name="negotiate"/> it starts with the negotiate request, as browsers do.</summary>
    public static HubConnection Build(Uri server, string? token, bool messagePack = false, bool negotiate = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, "/hubs/market"), options =>
        {
            options.AccessTokenProvider = () => Task.FromResult(token);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = !negotiate;
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        return builder.Build();
    }

    public static async Task<HubClient> ConnectAsync(Uri server, string token, bool messagePack = false)
    {
        var client = new HubClient(Build(server, token, messagePack));
        await client.Connection.StartAsync();
        return client;
    }

    public Task<SubscribeView> SubscribeAsync(string mode, params string[] instruments) =>
        Connection.InvokeAsync<SubscribeView>("Subscribe", new SubscribeRequestView { Instruments = instruments, Mode = mode });

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

// The client's view of the hub's payloads: prices as double, as MessagePack carries them, and times as text.
[MessagePackObject]
public sealed record SnapshotView
{
    [Key("instrument")] public string Instrument { get; init; } = "";
    [Key("segment")] public string Segment { get; init; } = "";
    [Key("securityId")] public long SecurityId { get; init; }
    [Key("symbol")] public string Symbol { get; init; } = "";
    [Key("name")] public string Name { get; init; } = "";
    [Key("ltp")] public double? Ltp { get; init; }
    [Key("ltq")] public long? Ltq { get; init; }
    [Key("ltt")] public string? Ltt { get; init; }
    [Key("atp")] public double? Atp { get; init; }
    [Key("volume")] public long? Volume { get; init; }
    [Key("totalBuyQuantity")] public long? TotalBuyQuantity { get; init; }
    [Key("totalSellQuantity")] public long? TotalSellQuantity { get; init; }
    [Key("open")] public double? Open { get; init; }
    [Key("high")] public double? High { get; init; }
    [Key("low")] public double? Low { get; init; }
    [Key("close")] public double? Close { get; init; }
    [Key("previousClose")] public double? PreviousClose { get; init; }
    [Key("change")] public double? Change { get; init; }
    [Key("changePercent")] public double? ChangePercent { get; init; }
    [Key("oi")] public long? Oi { get; init; }
    [Key("oiDayHigh")] public long? OiDayHigh { get; init; }
    [Key("oiDayLow")] public long? OiDayLow { get; init; }
    [Key("depth")] public DepthView? Depth { get; init; }
    [Key("receivedAt")] public string ReceivedAt { get; init; } = "";
    [Key("ageMs")] public long AgeMs { get; init; }
    [Key("stale")] public bool Stale { get; init; }
    [Key("staleReason")] public string? StaleReason { get; init; }
    [Key("marketStatus")] public string MarketStatus { get; init; } = "";
}

[MessagePackObject]
public sealed record DepthView
{
    [Key("bids")] public DepthEntryView[] Bids { get; init; } = [];
    [Key("asks")] public DepthEntryView[] Asks { get; init; } = [];
}

[MessagePackObject]
public sealed record DepthEntryView
{
    [Key("price")] public double? Price { get; init; }
    [Key("quantity")] public long Quantity { get; init; }
    [Key("orders")] public int Orders { get; init; }
}

[MessagePackObject]
public sealed record SubscribeRequestView
{
    [Key("instruments")] public string[] Instruments { get; init; } = [];
    [Key("mode")] public string Mode { get; init; } = "";
}

[MessagePackObject]
public sealed record SubscribeView
{
    [Key("mode")] public string Mode { get; init; } = "";
    [Key("instruments")] public string[] Instruments { get; init; } = [];
    [Key("snapshots")] public SnapshotView[] Snapshots { get; init; } = [];
}

[MessagePackObject]
public sealed record FeedStateView
{
    [Key("state")] public string State { get; init; } = "";
    [Key("at")] public string At { get; init; } = "";
    [Key("reason")] public string? Reason { get; init; }
}

[MessagePackObject]
public sealed record ClosingView
{
    [Key("reason")] public string Reason { get; init; } = "";
}
