using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Tests;

/// <summary>Idle timeout, absolute expiry and activity writes, driven by a fake wall clock.</summary>
public class SessionLifetimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 6, 5, 17, 0, TimeSpan.Zero);

    [Fact]
    public async Task Session_RevokedWhenIdleTooLong()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        var ended = new List<SessionEndedEventArgs>();
        server.Services.GetRequiredService<SessionEvents>().Ended += (_, e) => ended.Add(e);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "idle@example.com");

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await Me(server, token)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(30));
        var response = await Me(server, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var end = Assert.Single(ended);
        Assert.Equal(SessionEndReason.Inactivity, end.Reason);
        var stored = await StoredSessionAsync(server);
        Assert.Equal(SessionEndReason.Inactivity, stored.RevokedReason);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, stored.RevokedAt);
    }

    [Fact]
    public async Task Session_ExpiresDespiteHeartbeats()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock, "--Sessions:AbsoluteLifetime=03:00:00");
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "expiry@example.com");

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(3) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            var heartbeat = await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/heartbeat", token);
            Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
            var body = await heartbeat.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(Start.AddHours(3), body.GetProperty("expiresAt").GetDateTimeOffset());
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        var response = await Me(server, token);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null((await StoredSessionAsync(server)).RevokedAt);
    }

    [Fact]
    public async Task Heartbeat_ReturnsActivityBeforeThisRequest()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "previous@example.com");

        clock.Advance(TimeSpan.FromMinutes(5));
        var first = await (await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/heartbeat", token)).Content.ReadFromJsonAsync<JsonElement>();
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await (await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/heartbeat", token)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(Start, first.GetProperty("lastActivity").GetDateTimeOffset());
        Assert.Equal(Start.AddMinutes(5), second.GetProperty("lastActivity").GetDateTimeOffset());
    }

    [Fact]
    public async Task Activity_WrittenAtMostOncePerMinute()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "writes@example.com");

        clock.Advance(TimeSpan.FromSeconds(20));
        await Me(server, token);
        clock.Advance(TimeSpan.FromSeconds(20));
        await Me(server, token);
        var afterFortySeconds = (await StoredSessionAsync(server)).LastActivityAt;
        clock.Advance(TimeSpan.FromSeconds(25));
        await Me(server, token);
        var afterSixtyFiveSeconds = (await StoredSessionAsync(server)).LastActivityAt;

        Assert.Equal(Start.UtcDateTime, afterFortySeconds);
        Assert.Equal(Start.AddSeconds(65).UtcDateTime, afterSixtyFiveSeconds);
    }

    [Fact]
    public async Task MonitorTimer_RevokesIdleSessionWithoutRequests()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock, "--Sessions:MonitorInterval=00:01:00");
        var ended = new TaskCompletionSource<SessionEndedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Services.GetRequiredService<SessionEvents>().Ended += (_, e) => ended.TrySetResult(e);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "timer@example.com");

        // Advance one monitor interval at a time, so each timer tick runs with the clock it fired at.
        for (var minute = 0; minute < 31 && !ended.Task.IsCompleted; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }

        var end = await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SessionEndReason.Inactivity, end.Reason);
        Assert.Equal(SessionEndReason.Inactivity, (await StoredSessionAsync(server)).RevokedReason);
    }

    [Fact]
    public async Task Login_PastLimitEndsLeastRecentSession()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await StartAsync(clock, "--Sessions:MaxActivePerUser=2");
        var (first, _) = await AuthClient.RegisterAsync(server.Client, "many@example.com");
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await AuthClient.LoginTokenAsync(server.Client, "many@example.com");

        // The first session is used after the second starts, so the second is the least recently active.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await Me(server, first)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await AuthClient.LoginTokenAsync(server.Client, "many@example.com");

        Assert.Equal(HttpStatusCode.OK, (await Me(server, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, second)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Me(server, third)).StatusCode);
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        var ended = await context.Sessions.AsNoTracking().SingleAsync(s => s.RevokedAt != null);
        Assert.Equal(SessionEndReason.SessionLimit, ended.RevokedReason);
        Assert.Equal(2, await context.Sessions.CountAsync(s => s.RevokedAt == null));
    }

    private static Task<LoopbackServer> StartAsync(FakeTimeProvider clock, params string[] settings) =>
        LoopbackServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock), settings);

    private static Task<HttpResponseMessage> Me(LoopbackServer server, string token) =>
        AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", token);

    private static async Task<Session> StoredSessionAsync(LoopbackServer server)
    {
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        return await context.Sessions.AsNoTracking().SingleAsync();
    }
}
