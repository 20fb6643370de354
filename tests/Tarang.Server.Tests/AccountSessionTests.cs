using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Tests;

/// <summary>Log out everywhere, the session list, password change, the admin routes and the audit records.</summary>
public class AccountSessionTests
{
    [Fact]
    public async Task LogoutEverywhere_EndsAllSessions()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (first, _) = await AuthClient.RegisterAsync(server.Client, "all@example.com");
        var second = await AuthClient.LoginTokenAsync(server.Client, "all@example.com");
        var (other, _) = await AuthClient.RegisterAsync(server.Client, "bystander@example.com");

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout-all", second);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, body.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, second)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Me(server, other)).StatusCode);
    }

    [Fact]
    public async Task Sessions_ListsOnlyOwnActiveSessions()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (first, userId) = await AuthClient.RegisterAsync(server.Client, "list@example.com");
        var second = await AuthClient.LoginTokenAsync(server.Client, "list@example.com");
        var ended = await AuthClient.LoginTokenAsync(server.Client, "list@example.com");
        await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout", ended);
        await AuthClient.RegisterAsync(server.Client, "someone-else@example.com");

        var sessions = await (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/sessions", second)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, sessions.GetArrayLength());
        Assert.All(sessions.EnumerateArray(), s => Assert.Equal(userId, s.GetProperty("userId").GetString()));
        Assert.Single(sessions.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await Me(server, first)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_EndsOtherSessions()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (first, _) = await AuthClient.RegisterAsync(server.Client, "change@example.com");
        var second = await AuthClient.LoginTokenAsync(server.Client, "change@example.com");

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/change-password", second,
            new { current_password = AuthClient.Password, new_password = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Me(server, second)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthClient.LoginAsync(server.Client, "change@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthClient.LoginAsync(server.Client, "change@example.com", "a brand new passphrase")).StatusCode);
    }

    [Theory]
    [InlineData("wrong current password", "a brand new passphrase", "current_password")]
    [InlineData(AuthClient.Password, "short", "new_password")]
    public async Task ChangePassword_RejectsBadInput(string current, string next, string field)
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "bad-change@example.com");

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/change-password", token,
            new { current_password = current, new_password = next });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, (await AuthClient.LoginAsync(server.Client, "bad-change@example.com")).StatusCode);
    }

    [Fact]
    public async Task AdminRoutes_ForbiddenToUsers()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "plain@example.com");

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/admin/sessions", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Admin_RevokesAnotherUsersSession()
    {
        await using var server = await LoopbackServer.StartAsync("--Accounts:AdminEmails:0=Boss@Example.com");
        var (admin, adminId) = await AuthClient.RegisterAsync(server.Client, "boss@example.com");
        var (victim, victimId) = await AuthClient.RegisterAsync(server.Client, "user@example.com");
        var ended = new List<SessionEndedEventArgs>();
        server.Services.GetRequiredService<SessionEvents>().Ended += (_, e) => ended.Add(e);

        var listed = await (await AuthClient.SendAsync(server.Client, HttpMethod.Get, $"/api/admin/sessions?userId={victimId}", admin)).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString();
        var revoke = await AuthClient.SendAsync(server.Client, HttpMethod.Delete, $"/api/admin/sessions/{sessionId}", admin);
        var again = await AuthClient.SendAsync(server.Client, HttpMethod.Delete, $"/api/admin/sessions/{sessionId}", admin);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, victim)).StatusCode);
        Assert.Equal(SessionEndReason.Admin, Assert.Single(ended).Reason);

        var audit = await (await AuthClient.SendAsync(server.Client, HttpMethod.Get, $"/api/admin/audit?userId={victimId}", admin)).Content.ReadFromJsonAsync<JsonElement>();
        var entry = Assert.Single(audit.EnumerateArray(), e => e.GetProperty("kind").GetString() == AuditKinds.AdminRevokedSession);
        Assert.Equal(adminId, entry.GetProperty("actorUserId").GetString());
        Assert.Equal("127.0.0.1", entry.GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task AdminEmails_AcceptsSingleValueList()
    {
        // The environment-variable form Accounts__AdminEmails=a,b arrives as one value, not a list.
        await using var server = await LoopbackServer.StartAsync("--Accounts:AdminEmails=boss@example.com, other@example.com");
        var (admin, _) = await AuthClient.RegisterAsync(server.Client, "boss@example.com");
        var (other, _) = await AuthClient.RegisterAsync(server.Client, "other@example.com");

        Assert.Equal(HttpStatusCode.OK, (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/admin/sessions", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/admin/sessions", other)).StatusCode);
    }

    [Fact]
    public async Task Admin_RevokesAllSessionsOfUser()
    {
        await using var server = await LoopbackServer.StartAsync("--Accounts:AdminEmails:0=boss@example.com");
        var (admin, _) = await AuthClient.RegisterAsync(server.Client, "boss@example.com");
        var (victim, victimId) = await AuthClient.RegisterAsync(server.Client, "user@example.com");
        var second = await AuthClient.LoginTokenAsync(server.Client, "user@example.com");

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Post, $"/api/admin/users/{victimId}/revoke-sessions", admin);

        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, victim)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(server, second)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Me(server, admin)).StatusCode);
    }

    [Fact]
    public async Task GrantAdminCommand_GrantsRole()
    {
        var database = Path.Combine(Path.GetTempPath(), $"tarang-test-{Guid.NewGuid():N}.db");
        var setting = $"--Database:ConnectionString=Data Source={database};Pooling=False";
        try
        {
            await using (var server = await LoopbackServer.StartAsync(setting))
            {
                await AuthClient.RegisterAsync(server.Client, "promoted@example.com");
            }

            using var output = new StringWriter();
            var missing = await AdminCommand.RunAsync(["grant-admin", "nobody@example.com", setting], output);
            var granted = await AdminCommand.RunAsync(["grant-admin", " Promoted@example.com", setting], output);

            Assert.Equal(1, missing);
            Assert.Equal(0, granted);
            await using var restarted = await LoopbackServer.StartAsync(setting);
            var token = await AuthClient.LoginTokenAsync(restarted.Client, "promoted@example.com");
            Assert.Equal(HttpStatusCode.OK, (await AuthClient.SendAsync(restarted.Client, HttpMethod.Get, "/api/admin/sessions", token)).StatusCode);
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task Audit_RecordsLoginsFailuresAndLogouts()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "audited@example.com");
        await AuthClient.LoginAsync(server.Client, "audited@example.com", "wrong password");
        var second = await AuthClient.LoginTokenAsync(server.Client, "audited@example.com");
        await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout", token);
        await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout-all", second);

        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        var entries = await context.AuditEntries.OrderBy(a => a.Id).ToListAsync();

        Assert.Equal(
            [AuditKinds.Registered, AuditKinds.LoginFailed, AuditKinds.Login, AuditKinds.Logout, AuditKinds.LogoutEverywhere],
            entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.IpAddress));
        Assert.Null(entries[1].UserId);
        Assert.Equal("audited@example.com", entries[1].Detail);
        Assert.All(entries.Where(e => e.Kind != AuditKinds.LoginFailed), e => Assert.Equal(userId, e.UserId.ToString()));
        Assert.DoesNotContain(entries, e => e.Detail?.Contains("wrong password", StringComparison.Ordinal) == true);
    }

    private static Task<HttpResponseMessage> Me(LoopbackServer server, string token) =>
        AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", token);
}
