using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Tests;

/// <summary>The session cache stays within its cap and is swept of sessions that ended out of its sight.</summary>
public class SessionCacheBoundsTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 6, 5, 17, 0, TimeSpan.Zero);

    [Fact]
    public async Task RandomTokens_GrowNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        var sessions = server.Services.GetRequiredService<SessionManager>();

        var statuses = new HashSet<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            statuses.Add((await Me(server, SessionTokens.Create())).StatusCode);
            statuses.Add((await Me(server, $"not-a-token-{i}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(0, sessions.CachedCount);
        Assert.Equal(0, sessions.RecentlyRevokedCount);
    }

    [Fact]
    public async Task Cache_StaysAtCapAndServesTheRest()
    {
        await using var server = await LoopbackServer.StartAsync("--Sessions:MaxCachedSessions=3");
        var sessions = server.Services.GetRequiredService<SessionManager>();
        var tokens = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            tokens.Add((await AuthClient.RegisterAsync(server.Client, $"user{i}@example.com")).Token);
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var token in tokens.Concat(tokens))
        {
            statuses.Add((await Me(server, token)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(3, sessions.CachedCount);
    }

    [Fact]
    public async Task Sweep_DropsSessionRevokedElsewhere()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await LoopbackServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var sessions = server.Services.GetRequiredService<SessionManager>();
        var monitor = server.Services.GetRequiredService<SessionMonitor>();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "elsewhere@example.com");
        Assert.Equal(HttpStatusCode.OK, (await Me(server, token)).StatusCode);

        // Another server instance revokes the session: the row changes, this process is not notified.
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using (var context = await contexts.CreateDbContextAsync())
        {
            var revokedAt = clock.GetUtcNow().UtcDateTime;
            await context.Sessions.ExecuteUpdateAsync(update => update
                .SetProperty(s => s.RevokedAt, revokedAt)
                .SetProperty(s => s.RevokedReason, SessionEndReason.Logout));
        }

        await monitor.RunOnceAsync(CancellationToken.None);
        var beforeIdle = sessions.CachedCount;
        clock.Advance(TimeSpan.FromMinutes(30));
        await monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, beforeIdle);
        Assert.Equal(0, sessions.CachedCount);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, token)).StatusCode);
    }

    [Fact]
    public async Task Sweep_ForgetsOldRevocations()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await LoopbackServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var sessions = server.Services.GetRequiredService<SessionManager>();
        var monitor = server.Services.GetRequiredService<SessionMonitor>();
        var (kept, _) = await AuthClient.RegisterAsync(server.Client, "kept@example.com");
        var (loggedOut, _) = await AuthClient.RegisterAsync(server.Client, "out@example.com");
        await Me(server, kept);
        await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout", loggedOut);
        var revokedBefore = sessions.RecentlyRevokedCount;

        clock.Advance(TimeSpan.FromMinutes(6));
        await monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, revokedBefore);
        Assert.Equal(0, sessions.RecentlyRevokedCount);
        Assert.Equal(1, sessions.CachedCount);
    }

    [Fact]
    public async Task Cleanup_DeletesAuditPastRetention()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(clock), "--Accounts:AuditRetention=10.00:00:00");
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        for (var i = 0; i < 5; i++)
        {
            await AuthClient.LoginAsync(server.Client, $"old{i}@example.com", "wrong password");
        }

        clock.Advance(TimeSpan.FromDays(9));
        await AuthClient.LoginAsync(server.Client, "recent@example.com", "wrong password");
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await server.Services.GetRequiredService<SessionCleanup>().RunOnceAsync(CancellationToken.None);

        await using var context = await contexts.CreateDbContextAsync();
        var remaining = await context.AuditEntries.Select(a => a.Detail).ToListAsync();
        Assert.Equal(["recent@example.com"], remaining);
    }

    private static Task<HttpResponseMessage> Me(LoopbackServer server, string token) =>
        AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", token);
}
