using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tarang.Server.Accounts;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Tests;

/// <summary>Storage rules that must hold on every provider; each subclass runs them on one.</summary>
public abstract class StorageTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 6, 5, 17, 0, TimeSpan.Zero);

    /// <summary>Returns the server settings that select this provider's database.</summary>
    protected abstract Task<string[]> DatabaseSettingsAsync();

    [Fact]
    public async Task Cleanup_DeletesExactlyRuleRows()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = await StartAsync(clock);
        var now = Now.UtcDateTime;
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        var userId = await AddUserAsync(contexts, "cleanup@example.com");

        var rows = new Dictionary<string, (DateTime ExpiresAt, DateTime? RevokedAt, bool Kept)>
        {
            ["active"] = (now.AddDays(6), null, true),
            ["expired 6 days ago"] = (now.AddDays(-6), null, true),
            ["expired exactly 7 days ago"] = (now.AddDays(-7), null, true),
            ["expired 8 days ago"] = (now.AddDays(-8), null, false),
            ["revoked 29 days ago"] = (now.AddDays(-25), now.AddDays(-29), true),
            ["revoked 31 days ago"] = (now.AddDays(-27), now.AddDays(-31), false),
            ["revoked 10 days ago, would have expired 8 days ago"] = (now.AddDays(-8), now.AddDays(-10), true),
            ["revoked 1 hour ago"] = (now.AddDays(5), now.AddHours(-1), true),
        };
        var ids = new Dictionary<Guid, string>();
        await using (var context = await contexts.CreateDbContextAsync())
        {
            foreach (var (name, row) in rows)
            {
                var session = NewSession(userId, row.ExpiresAt - TimeSpan.FromDays(7), row.ExpiresAt, row.RevokedAt);
                ids[session.Id] = name;
                context.Sessions.Add(session);
            }

            await context.SaveChangesAsync();
        }

        var deleted = await server.Services.GetRequiredService<SessionCleanup>().RunOnceAsync(CancellationToken.None);

        await using var check = await contexts.CreateDbContextAsync();
        var remaining = (await check.Sessions.Select(s => s.Id).ToListAsync()).Select(id => ids[id]).ToHashSet();
        foreach (var (name, row) in rows)
        {
            Assert.True(row.Kept == remaining.Contains(name), $"'{name}' should have been {(row.Kept ? "kept" : "deleted")}.");
        }

        Assert.Equal(rows.Count(r => !r.Value.Kept), deleted);
    }

    [Fact]
    public async Task Monitor_EndsIdleAndExpiredSessions()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = await StartAsync(clock, "--Sessions:AbsoluteLifetime=02:00:00");
        var ended = new List<SessionEndedEventArgs>();
        server.Services.GetRequiredService<SessionEvents>().Ended += (_, e) => { lock (ended) { ended.Add(e); } };
        var (idle, _) = await AuthClient.RegisterAsync(server.Client, "idle@example.com");
        var (busy, _) = await AuthClient.RegisterAsync(server.Client, "busy@example.com");
        var monitor = server.Services.GetRequiredService<SessionMonitor>();

        // The busy session sends a heartbeat every 20 minutes, so only the other one goes idle.
        for (var minutes = 20; minutes <= 100; minutes += 20)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/heartbeat", busy)).StatusCode);
            await monitor.RunOnceAsync(CancellationToken.None);
        }

        var idleEnd = Assert.Single(ended);
        Assert.Equal(SessionEndReason.Inactivity, idleEnd.Reason);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", idle)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(20));
        await monitor.RunOnceAsync(CancellationToken.None);
        await monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, ended.Count);
        Assert.Equal(SessionEndReason.Expired, ended[1].Reason);
        Assert.Equal(Now.AddHours(2), ended[1].EndedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", busy)).StatusCode);
    }

    [Fact]
    public async Task Register_RaceCreatesOneUserOnProvider()
    {
        await using var server = await StartAsync(TimeProvider.System);

        var attempts = Enumerable.Range(0, 8).Select(_ => server.Client.PostAsJsonAsync("/api/auth/register",
            new { email = "race@example.com", password = AuthClient.Password, first_name = "A", last_name = "B" }));
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Register_DuplicateGets409OnProvider()
    {
        await using var server = await StartAsync(TimeProvider.System);
        await AuthClient.RegisterAsync(server.Client, "twice@example.com");

        var response = await server.Client.PostAsJsonAsync("/api/auth/register",
            new { email = "Twice@Example.com", password = AuthClient.Password, first_name = "A", last_name = "B" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        Assert.Equal(1, await context.Users.CountAsync());
    }

    [Fact]
    public async Task UniqueIndex_RejectsSecondUserWithEmail()
    {
        await using var server = await StartAsync(TimeProvider.System);
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await AddUserAsync(contexts, "unique@example.com");

        // The registration race ends here: whichever insert comes second fails on the index.
        await Assert.ThrowsAsync<DbUpdateException>(() => AddUserAsync(contexts, "unique@example.com"));
    }

    [Fact]
    public async Task Instants_RoundTripAsUtcInOrder()
    {
        await using var server = await StartAsync(TimeProvider.System);
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        var userId = await AddUserAsync(contexts, "instants@example.com");
        var instants = new[] { Now.UtcDateTime.AddTicks(10), Now.UtcDateTime, Now.UtcDateTime.AddSeconds(-1).AddTicks(5), Now.UtcDateTime.AddMilliseconds(500) };
        await using (var context = await contexts.CreateDbContextAsync())
        {
            context.Sessions.AddRange(instants.Select(at => NewSession(userId, at, at.AddDays(7), null)));
            await context.SaveChangesAsync();
        }

        await using var check = await contexts.CreateDbContextAsync();
        var ordered = await check.Sessions.OrderBy(s => s.CreatedAt).Select(s => s.CreatedAt).ToListAsync();
        var later = await check.Sessions.CountAsync(s => s.CreatedAt > Now.UtcDateTime);

        Assert.Equal(instants.Order().Select(i => i.Ticks / 10 * 10), ordered.Select(i => i.Ticks / 10 * 10));
        Assert.All(ordered, at => Assert.Equal(DateTimeKind.Utc, at.Kind));
        Assert.Equal(2, later);
    }

    private async Task<LoopbackServer> StartAsync(TimeProvider clock, params string[] settings) =>
        await LoopbackServer.StartAsync(builder => builder.Services.AddSingleton(clock), [.. await DatabaseSettingsAsync(), .. settings]);

    private static async Task<Guid> AddUserAsync(IDbContextFactory<TarangDbContext> contexts, string email)
    {
        var user = new User { Id = Guid.NewGuid(), Email = email, PasswordHash = "x", FirstName = "A", LastName = "B", CreatedAt = Now.UtcDateTime };
        await using var context = await contexts.CreateDbContextAsync();
        context.Users.Add(user);
        await context.SaveChangesAsync();
        return user.Id;
    }

    private static Session NewSession(Guid userId, DateTime createdAt, DateTime expiresAt, DateTime? revokedAt) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        TokenHash = SessionTokens.Hash(SessionTokens.Create()),
        CreatedAt = createdAt,
        ExpiresAt = expiresAt,
        LastActivityAt = revokedAt ?? createdAt,
        RevokedAt = revokedAt,
        RevokedReason = revokedAt is null ? null : SessionEndReason.Logout,
    };
}

public sealed class SqliteStorageTests : StorageTests
{
    protected override Task<string[]> DatabaseSettingsAsync() => Task.FromResult<string[]>([]);
}

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresStorageTests(PostgresServer postgres) : StorageTests
{
    protected override async Task<string[]> DatabaseSettingsAsync() =>
        ["--Database:Provider=Postgres", $"--Database:ConnectionString={await postgres.CreateDatabaseAsync()}"];
}
