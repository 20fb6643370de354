using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Market.Instruments;
using Tarang.Server.Feed;
using Tarang.Server.Push;
using Tarang.Server.Services;

namespace Tarang.Server.Tests;

/// <summary>The market hub over a real SignalR client, fed by the embedded simulator's replay.</summary>
public class MarketHubTests
{
    private const string Reliance = "NSE_EQ:2885";
    private const string Nifty = "IDX_I:13";
    private const string BankNifty = "IDX_I:25";

    // 2025-12-24 has recorded NIFTY 50, BANKNIFTY and RELIANCE bars; 10:00 is inside the session.
    private static readonly string[] RecordedDay = ["--Simulator:StartDate=2025-12-24", "--Simulator:StartTime=10:00:00", "--Simulator:Speed=10"];

    [Fact]
    public async Task Subscribe_PushesUpdates()
    {
        await using var server = await LoopbackServer.StartAsync(RecordedDay);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "hub@example.com");
        await using var client = await HubClient.ConnectAsync(server.Address, token);

        var result = await client.SubscribeAsync("quote", Nifty, BankNifty, Reliance);

        Assert.Equal("quote", result.Mode);
        Assert.Equal([Nifty, BankNifty, Reliance], result.Instruments);
        await FeedTestKit.EventuallyAsync(
            () => new[] { Nifty, BankNifty, Reliance }.All(key => client.Updates.Any(u => u.Instrument == key)),
            "Not every subscribed instrument got an update");
        var reliance = client.Updates.Last(u => u.Instrument == Reliance);
        Assert.Equal("RELIANCE", reliance.Symbol);
        Assert.Equal("NSE_EQ", reliance.Segment);
        Assert.Equal(2885, reliance.SecurityId);
        Assert.NotNull(reliance.Ltp);
        Assert.NotNull(reliance.Volume);
        Assert.StartsWith("2025-12-24T", reliance.Ltt, StringComparison.Ordinal);
        Assert.EndsWith("+05:30", reliance.Ltt, StringComparison.Ordinal);
        Assert.Null(reliance.Depth);
        Assert.Equal("Open", reliance.MarketStatus);
        Assert.False(reliance.Stale, reliance.StaleReason);
        Assert.Contains(client.FeedStates, s => s.State == "Live");
    }

    [Fact]
    public async Task FullMode_CarriesDepthUntilDowngraded()
    {
        await using var server = await LoopbackServer.StartAsync(RecordedDay);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "depth@example.com");
        await using var client = await HubClient.ConnectAsync(server.Address, token);

        await client.SubscribeAsync("full", Reliance);
        await FeedTestKit.EventuallyAsync(() => client.Updates.Any(u => u.Instrument == Reliance && u.Depth is not null), "No full update with depth arrived");
        var depth = client.Updates.Last(u => u.Depth is not null).Depth!;
        Assert.Equal(5, depth.Bids.Length);
        Assert.Equal(5, depth.Asks.Length);

        var downgraded = await client.SubscribeAsync("quote", Reliance);
        Assert.Equal("quote", downgraded.Mode);
        var snapshot = Assert.Single(downgraded.Snapshots);
        Assert.Null(snapshot.Depth);
    }

    [Fact]
    public async Task Protocols_CarrySameValues()
    {
        await using var server = await LoopbackServer.StartAsync(RecordedDay);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "protocols@example.com");
        await using var json = await HubClient.ConnectAsync(server.Address, token);
        await using var messagePack = await HubClient.ConnectAsync(server.Address, token, messagePack: true);
        await json.SubscribeAsync("quote", Reliance);
        await messagePack.SubscribeAsync("quote", Reliance);

        SnapshotView? fromJson = null;
        SnapshotView? fromMessagePack = null;
        await FeedTestKit.EventuallyAsync(
            () =>
            {
                fromMessagePack = messagePack.Updates.FirstOrDefault(m => json.Updates.Any(j => j.ReceivedAt == m.ReceivedAt));
                fromJson = fromMessagePack is null ? null : json.Updates.First(j => j.ReceivedAt == fromMessagePack.ReceivedAt);
                return fromJson is not null;
            },
            "The two protocols never delivered the same update");

        // The same update: every field equal, prices included (decimal in JSON, float64 of it in MessagePack).
        Assert.Equal(fromJson! with { AgeMs = 0 }, fromMessagePack! with { AgeMs = 0 });
    }

    [Fact]
    public async Task Subscribe_RejectsBadRequests()
    {
        await using var server = await LoopbackServer.StartAsync(["--Push:MaxInstrumentsPerConnection=2", .. RecordedDay]);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "errors@example.com");
        await using var client = await HubClient.ConnectAsync(server.Address, token);

        var unknown = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("quote", "NSE_EQ:999999999"));
        Assert.Contains("NSE_EQ:999999999", unknown.Message, StringComparison.Ordinal);
        var malformed = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("quote", "RELIANCE"));
        Assert.Contains("instruments[0] 'RELIANCE'", malformed.Message, StringComparison.Ordinal);
        var mode = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("fast", Reliance));
        Assert.Contains("mode 'fast'", mode.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("quote"));
        Assert.Contains("instruments is empty", empty.Message, StringComparison.Ordinal);
        await client.SubscribeAsync("quote", Reliance, Nifty);
        var over = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("quote", BankNifty));
        Assert.Contains("Push:MaxInstrumentsPerConnection", over.Message, StringComparison.Ordinal);

        // The connection survives its errors.
        var unsubscribed = await client.Connection.InvokeAsync<UnsubscribeResult>("Unsubscribe", new { instruments = new[] { Nifty } });
        Assert.Equal(1, unsubscribed.Remaining);
    }

    [Fact]
    public async Task Connect_WithoutSession_Rejected()
    {
        await using var server = await LoopbackServer.StartAsync(RecordedDay);
        await using var anonymous = HubClient.Build(server.Address, token: null, negotiate: true);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var (token, _) = await AuthClient.RegisterAsync(server.Client, "revoked@example.com");
        using var kit = new FeedTestKit(server);
        await kit.LogoutAsync(token);
        await using var revoked = HubClient.Build(server.Address, token, negotiate: true);
        var ended = await Assert.ThrowsAsync<HttpRequestException>(() => revoked.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
    }

    [Fact]
    public async Task Logout_ClosesConnectionWithReason()
    {
        await using var server = await LoopbackServer.StartAsync(RecordedDay);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "closing@example.com");
        await using var client = await HubClient.ConnectAsync(server.Address, token);
        await client.SubscribeAsync("full", Reliance);
        using var kit = new FeedTestKit(server);

        await kit.LogoutAsync(token);

        await client.ClosedWith.Task.WaitAsync(FeedTestKit.Patience);
        var closing = Assert.Single(client.Closings);
        Assert.Contains("session ended", closing.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("session-ended", closing.Code);
        await FeedTestKit.EventuallyAsync(() => server.Services.GetRequiredService<PushRegistry>().Count == 0, "The registry kept the closed connection");
        await FeedTestKit.EventuallyAsync(
            () => server.Services.GetRequiredService<MarketSubscriptions>().HoldingSessions().Count == 0,
            "The closed connection's instruments are still held");
    }

    [Fact]
    public async Task StalledClient_DoesNotDelayFastClient()
    {
        // The synthetic mode ticks 2,000 equities at 10,000 ticks/s in all, enough to fill a
        // socket that is not read within seconds.
        await using var server = await LoopbackServer.StartAsync("--Simulator:Mode=Synthetic", "--Push:StalledClientTimeout=00:00:02");
        var catalog = server.Services.GetRequiredService<MarketReferenceData>().Catalog;
        var instruments = catalog.Instruments
            .Where(i => i.Key.Segment == ExchangeSegment.NseEq && i.Kind == InstrumentKind.Equity)
            .OrderBy(i => i.Key.SecurityId)
            .Take(200)
            .Select(i => i.Key.ToString())
            .ToArray();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "fast@example.com");
        var (stalledToken, _) = await AuthClient.RegisterAsync(server.Client, "stalled@example.com");
        await using var fast = await HubClient.ConnectAsync(server.Address, token);
        await fast.SubscribeAsync("full", instruments);

        // The feed starts with the first login, so the counting starts once updates flow.
        await FeedTestKit.EventuallyAsync(() => !fast.Updates.IsEmpty, "The fast client got no update");
        await using var stalled = await StalledHubClient.ConnectAsync(server.Address, stalledToken, instruments);
        var registry = server.Services.GetRequiredService<PushRegistry>();
        Assert.Equal(2, registry.Count);

        // Count the fast client's updates in each second until the stalled one has been closed.
        var perSecond = new List<int>();
        var watch = Stopwatch.StartNew();
        while (registry.Count == 2)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "The stalled client was not closed within 60 s");
            var before = fast.Updates.Count;
            await Task.Delay(TimeSpan.FromSeconds(1));
            perSecond.Add(fast.Updates.Count - before);
        }

        Assert.True(perSecond.Count >= 2, "The stalled client was closed before a send could have waited the 2 s limit");
        Assert.All(perSecond, count => Assert.True(count > 100, $"The fast client got {count} updates in one second while the other stalled: [{string.Join(", ", perSecond)}]"));
        Assert.Equal(HubConnectionState.Connected, fast.Connection.State);
    }

    [Fact]
    public async Task Connect_BeyondSessionLimit_Rejected()
    {
        await using var server = await LoopbackServer.StartAsync(["--Push:MaxConnectionsPerSession=2", .. RecordedDay]);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "many@example.com");
        var clients = Enumerable.Range(0, 6).Select(_ => HubClient.Build(server.Address, token)).ToList();
        try
        {
            // Connect all at once; only two may stay open.
            await Task.WhenAll(clients.Select(async c =>
            {
                try
                {
                    await c.StartAsync();
                }
                catch (Exception exception) when (exception is HubException or InvalidOperationException or HttpRequestException)
                {
                }
            }));
            await Task.Delay(TimeSpan.FromSeconds(1));

            Assert.Equal(2, server.Services.GetRequiredService<PushRegistry>().Count);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
