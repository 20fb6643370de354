using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Storage;
using Xunit.Abstractions;

namespace Tarang.Server.Tests;

/// <summary>The feed follows sessions: it connects at the first login and disconnects after the grace period of the last one.</summary>
public class FeedSupervisorTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 2, 6, 5, 17, 0, TimeSpan.Zero);

    // A fake-clock step no longer than the ping intervals, so pings and pongs keep the socket up.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Feed_FollowsLoginsAndStopsAfterGracePeriodOfLastLogout()
    {
        await using var server = await LoopbackServer.StartAsync("--Feed:DisconnectGracePeriod=00:00:02", "--Feed:DefaultUniverse:0=IDX_I:13");
        using var kit = new FeedTestKit(server);
        await Task.Delay(200);
        Assert.Equal(0, await kit.ConnectionsAsync());
        Assert.Equal(FeedState.Idle, kit.Feed.GetStatus().State);

        var (first, _) = await AuthClient.RegisterAsync(server.Client, "first@example.com");
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 1, "The feed did not connect after the first login");
        var (second, _) = await AuthClient.RegisterAsync(server.Client, "second@example.com");

        await kit.LogoutAsync(first);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await kit.ConnectionsAsync());
        Assert.Equal(0, await kit.DisconnectRequestsAsync());

        await kit.LogoutAsync(second);
        var ended = Stopwatch.StartNew();
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 0, "The feed stayed up after the grace period of the last logout");
        Assert.True(ended.Elapsed >= TimeSpan.FromSeconds(1.5), $"The feed stopped {ended.Elapsed.TotalSeconds:F1} s after the last logout, before the 2 s grace period ended.");
        Assert.Equal(1, await kit.DisconnectRequestsAsync());
        await FeedTestKit.EventuallyAsync(() => kit.Feed.GetStatus().State == FeedState.Idle, "The feed did not return to Idle");

        // Login to live, timed once from the login request to the feed's Live state event.
        var live = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        kit.Feed.StateChanged += (_, e) =>
        {
            if (e.Current == FeedState.Live)
            {
                live.TrySetResult(watch.Elapsed);
            }
        };
        await AuthClient.LoginTokenAsync(server.Client, "first@example.com");
        var loginReturned = watch.Elapsed;
        var toLive = await live.Task.WaitAsync(FeedTestKit.Patience);
        output.WriteLine($"Login request returned after {loginReturned.TotalMilliseconds:F1} ms; feed Live after {toLive.TotalMilliseconds:F1} ms");
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 1, "The feed did not connect after the second login");
    }

    [Fact]
    public async Task Feed_LoginWithinGracePeriodKeepsItUp()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        using var kit = new FeedTestKit(server);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "again@example.com");
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 1, "The feed did not connect after the login");

        await kit.LogoutAsync(token);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(20));
        var again = await AuthClient.LoginTokenAsync(server.Client, "again@example.com");
        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));

        Assert.Equal(1, await kit.ConnectionsAsync());
        Assert.Equal(0, await kit.DisconnectRequestsAsync());

        await kit.LogoutAsync(again);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(20));
        Assert.Equal(1, await kit.ConnectionsAsync());
        await FeedTestKit.EventuallyAsync(
            async () => await kit.ConnectionsAsync() == 0, "The feed stayed up after the grace period", () => AdvanceAsync(clock, Step));
        Assert.Equal(1, await kit.DisconnectRequestsAsync());
    }

    [Fact]
    public async Task Feed_StopsAfterIdleRevocationAndGracePeriod()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(
            clock, "--Sessions:IdleTimeout=00:02:00", "--Sessions:ActivityWriteInterval=00:00:30", "--Sessions:MonitorInterval=00:00:10");
        using var kit = new FeedTestKit(server);
        await AuthClient.RegisterAsync(server.Client, "idle@example.com");
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 1, "The feed did not connect after the login");

        await AdvanceAsync(clock, TimeSpan.FromMinutes(2) + Step);
        await FeedTestKit.EventuallyAsync(() => ActiveSessions(server) == 0, "The idle session was not revoked", () => AdvanceAsync(clock, Step));
        Assert.Equal(1, await kit.ConnectionsAsync());

        await FeedTestKit.EventuallyAsync(
            async () => await kit.ConnectionsAsync() == 0, "The feed stayed up after the idle revocation", () => AdvanceAsync(clock, Step));
        Assert.Equal(1, await kit.DisconnectRequestsAsync());
        Assert.Equal("Inactivity", SessionEndReasonText(server));
    }

    [Fact]
    public async Task Feed_StopsAfterExpiryAndGracePeriod()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(
            clock, "--Sessions:AbsoluteLifetime=00:02:00", "--Sessions:IdleTimeout=00:05:00", "--Sessions:MonitorInterval=00:00:10");
        using var kit = new FeedTestKit(server);
        await AuthClient.RegisterAsync(server.Client, "expiry@example.com");
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 1, "The feed did not connect after the login");

        await AdvanceAsync(clock, TimeSpan.FromMinutes(2) + Step);
        await FeedTestKit.EventuallyAsync(() => ActiveSessions(server) == 0, "The supervisor still counts the expired session", () => AdvanceAsync(clock, Step));

        await FeedTestKit.EventuallyAsync(
            async () => await kit.ConnectionsAsync() == 0, "The feed stayed up after the expiry", () => AdvanceAsync(clock, Step));
        Assert.Equal(1, await kit.DisconnectRequestsAsync());
    }

    [Fact]
    public async Task Reconciliation_StartsFeedForSessionAliveAtServerStart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"tarang-test-{Guid.NewGuid():N}.db");
        string[] settings = [$"--Database:ConnectionString=Data Source={database};Pooling=False", "--Feed:DefaultUniverse:0=IDX_I:13"];
        try
        {
            await using (var before = await LoopbackServer.StartAsync(settings))
            {
                await AuthClient.RegisterAsync(before.Client, "survivor@example.com");
            }

            await using var server = await LoopbackServer.StartAsync(settings);
            using var kit = new FeedTestKit(server);
            await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 1, "The feed did not connect for the session alive at start");
            Assert.Equal(1, server.Services.GetRequiredService<FeedSupervisor>().GetStatus().ActiveSessions);
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task Reconciliation_NoticesSessionEndedWithoutEvent()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock, "--Feed:ReconciliationInterval=00:00:10");
        using var kit = new FeedTestKit(server);
        await AuthClient.RegisterAsync(server.Client, "drift@example.com");
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 1, "The feed did not connect after the login");

        // Revoked behind the server's back: no Ended event, only the database records it.
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using (var context = await contexts.CreateDbContextAsync())
        {
            await context.Sessions.ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow().UtcDateTime));
        }

        await FeedTestKit.EventuallyAsync(() => ActiveSessions(server) == 0, "Reconciliation kept the revoked session", () => AdvanceAsync(clock, Step));
        await FeedTestKit.EventuallyAsync(
            async () => await kit.ConnectionsAsync() == 0, "The feed stayed up after reconciliation", () => AdvanceAsync(clock, Step));
        Assert.Equal(1, await kit.DisconnectRequestsAsync());
    }

    private static Task<LoopbackServer> StartAsync(FakeTimeProvider clock, params string[] settings) =>
        LoopbackServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock), ["--Feed:DefaultUniverse:0=IDX_I:13", .. settings]);

    private static int ActiveSessions(LoopbackServer server) => server.Services.GetRequiredService<FeedSupervisor>().GetStatus().ActiveSessions;

    private static string? SessionEndReasonText(LoopbackServer server)
    {
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        using var context = contexts.CreateDbContext();
        return context.Sessions.AsNoTracking().Single().RevokedReason?.ToString();
    }

    /// <summary>Advances the fake clock in steps, letting timers and socket pongs run between them.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan total)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += Step)
        {
            clock.Advance(Step);
            await Task.Delay(30);
        }
    }
}
