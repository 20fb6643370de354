using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server.Watchlists;

namespace Tarang.Server.Tests;

/// <summary>The watchlist storage rules on PostgreSQL: its migration, the unique key and the order.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class WatchlistPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Watchlist_WorksOnPostgres()
    {
        await using var server = await LoopbackServer.StartAsync(
            "--Database:Provider=Postgres", $"--Database:ConnectionString={await postgres.CreateDatabaseAsync()}", "--Feed:DefaultUniverse:0=IDX_I:13");
        var user = await WatchlistUser.RegisterAsync(server, "pg@example.com");
        await user.AddOkAsync(new { symbol = "RELIANCE" });
        await user.AddOkAsync(new { segment = "BSE_EQ", securityId = "500325" });

        using var duplicate = await user.AddAsync(new { symbol = "RELIANCE" });
        await WatchlistUser.ProblemAsync(duplicate, HttpStatusCode.BadRequest, "symbol");
        Assert.Equal(["BSE_EQ:500325", "NSE_EQ:2885"], await user.InstrumentsAsync());

        var store = server.Services.GetRequiredService<WatchlistStore>();
        var stored = (await store.ListAsync(user.UserId, CancellationToken.None))[^1];
        var inserted = await store.TryInsertAsync(
            new WatchlistItem { Id = Guid.NewGuid(), UserId = stored.UserId, Segment = stored.Segment, SecurityId = stored.SecurityId, Symbol = stored.Symbol, CreatedAt = DateTime.UtcNow },
            CancellationToken.None);
        Assert.False(inserted);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);

        using var conflict = await user.DeleteAsync("RELIANCE");
        await WatchlistUser.ProblemAsync(conflict, HttpStatusCode.Conflict, "symbol");
        using var removed = await user.DeleteAsync("NSE_EQ/2885");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(["BSE_EQ:500325"], await user.InstrumentsAsync());
    }
}
