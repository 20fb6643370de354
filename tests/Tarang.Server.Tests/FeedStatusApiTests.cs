using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;

namespace Tarang.Server.Tests;

/// <summary>The supervisor's state on <c>GET /api/admin/feed</c> and in the log at each change.</summary>
public class FeedStatusApiTests
{
    [Fact]
    public async Task FeedStatus_ShowsSessionsSubscriptionsAndStops()
    {
        // Per-session lines (5100, 5101) are at Debug, so the supervisor's category is lowered.
        var logs = new CapturingLoggerProvider(LogLevel.Debug);
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Logging.AddProvider(logs),
            "--Accounts:AdminEmails:0=boss@example.com", "--Feed:DefaultUniverse:0=IDX_I:13", "--Feed:DisconnectGracePeriod=00:00:01",
            "--Logging:LogLevel:Tarang.Server.Feed.FeedSupervisor=Debug");
        using var kit = new FeedTestKit(server);
        var (admin, _) = await AuthClient.RegisterAsync(server.Client, "boss@example.com");
        var (user, userId) = await AuthClient.RegisterAsync(server.Client, "user@example.com");
        server.Services.GetRequiredService<MarketSubscriptions>().Hold(
            MarketHolder.ForSession(await kit.SessionOfAsync(userId)), [new InstrumentKey(ExchangeSegment.IdxI, 25)], FeedMode.Full);

        var forbidden = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/admin/feed", user);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        JsonElement status = default;
        await FeedTestKit.EventuallyAsync(
            async () =>
            {
                status = await (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/admin/feed", admin)).Content.ReadFromJsonAsync<JsonElement>();
                return status.GetProperty("feedState").GetString() == "Live";
            },
            "The admin status never showed the feed live");
        Assert.Equal(2, status.GetProperty("activeSessions").GetInt32());
        Assert.True(status.GetProperty("feedNeeded").GetBoolean());
        Assert.Equal(1, status.GetProperty("openConnections").GetInt32());
        var subscriptions = status.GetProperty("subscriptions").EnumerateArray()
            .Select(s => (s.GetProperty("instrument").GetString(), s.GetProperty("mode").GetString(), s.GetProperty("holders").GetInt32()))
            .ToList();
        Assert.Equal([("IDX_I:13", "Quote", 1), ("IDX_I:25", "Full", 1)], subscriptions);

        await kit.DropConnectionsAsync();
        await FeedTestKit.EventuallyAsync(
            async () =>
            {
                status = await (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/admin/feed", admin)).Content.ReadFromJsonAsync<JsonElement>();
                return status.GetProperty("lastDisconnect").ValueKind == JsonValueKind.Object;
            },
            "The admin status never showed the dropped socket");

        await kit.LogoutAsync(user);
        await kit.LogoutAsync(admin);
        var supervisor = server.Services.GetRequiredService<FeedSupervisor>();
        // The stop's log line follows the recorded reason, so the wait covers both.
        await FeedTestKit.EventuallyAsync(
            () => supervisor.GetStatus().FeedState == FeedState.Idle && supervisor.GetStatus().LastStopReason is not null && logs.Entries.Any(e => e.EventId.Id == 5105),
            "The feed did not stop");
        var stopped = supervisor.GetStatus();
        Assert.Equal(0, stopped.ActiveSessions);
        Assert.False(stopped.FeedNeeded);
        Assert.Empty(stopped.Subscriptions);
        Assert.Contains("grace period", stopped.LastStopReason, StringComparison.Ordinal);

        var events = logs.Entries.Where(e => e.Category == typeof(FeedSupervisor).FullName).Select(e => e.EventId.Id).ToList();
        Assert.Equal(2, events.Count(id => id == 5100));
        Assert.Equal(2, events.Count(id => id == 5101));
        Assert.Contains(5102, events);
        Assert.Contains(5104, events);
        Assert.Contains(5105, events);
        Assert.Contains(5106, events);
    }
}
