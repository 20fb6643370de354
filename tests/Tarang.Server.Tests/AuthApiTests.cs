using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Tests;

public class AuthApiTests
{
    [Fact]
    public async Task Register_ReturnsTokenAndLegacyUserShape()
    {
        await using var server = await LoopbackServer.StartAsync();

        var response = await server.Client.PostAsJsonAsync("/api/auth/register",
            new { email = "  Asha.Rao@Example.COM ", password = AuthClient.Password, first_name = " Asha ", last_name = "Rao" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal(SessionTokens.TokenLength, token.Length);
        var user = body.GetProperty("user");
        Assert.Equal("asha.rao@example.com", user.GetProperty("email").GetString());
        Assert.Equal("Asha", user.GetProperty("first_name").GetString());
        Assert.Equal("Rao", user.GetProperty("last_name").GetString());
        Assert.True(Guid.TryParse(user.GetProperty("id").GetString(), out _));
        Assert.True(user.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task Register_StoresOnlyTokenHash()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "hash@example.com");

        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        var session = await context.Sessions.SingleAsync();

        Assert.Equal(SessionTokens.Hash(token), session.TokenHash);
        Assert.Equal(32, session.TokenHash.Length);
    }

    [Theory]
    [InlineData("""{"email":"bad","password":"correct horse battery","first_name":"A","last_name":"B"}""", "email")]
    [InlineData("""{"email":"a@example.com","password":"short","first_name":"A","last_name":"B"}""", "password")]
    [InlineData("""{"email":"a@example.com","password":"aaaaaaaaaaaa","first_name":"A","last_name":"B"}""", "password")]
    [InlineData("""{"email":"a@example.com","password":"correct horse battery","first_name":" ","last_name":"B"}""", "first_name")]
    [InlineData("""{"email":"a@example.com","password":"correct horse battery","first_name":"A"}""", "last_name")]
    [InlineData("""{"email":"a@example.com","password":12,"first_name":"A","last_name":"B"}""", "password")]
    [InlineData("""not json""", "body")]
    public async Task Register_RejectsBadInputNamingField(string json, string field)
    {
        await using var server = await LoopbackServer.StartAsync();

        var response = await server.Client.PostAsync("/api/auth/register", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Register_RejectsDuplicateEmailWith409()
    {
        await using var server = await LoopbackServer.StartAsync();
        await AuthClient.RegisterAsync(server.Client, "dup@example.com");

        var response = await server.Client.PostAsJsonAsync("/api/auth/register",
            new { email = "DUP@example.com", password = AuthClient.Password, first_name = "A", last_name = "B" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("email", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Register_RaceCreatesOneUser()
    {
        await using var server = await LoopbackServer.StartAsync();

        var attempts = Enumerable.Range(0, 8).Select(_ => server.Client.PostAsJsonAsync("/api/auth/register",
            new { email = "race@example.com", password = AuthClient.Password, first_name = "A", last_name = "B" }));
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Login_ReturnsTokenForNormalisedEmail()
    {
        await using var server = await LoopbackServer.StartAsync();
        await AuthClient.RegisterAsync(server.Client, "login@example.com");

        var response = await AuthClient.LoginAsync(server.Client, " LOGIN@example.com");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("login@example.com", body.GetProperty("user").GetProperty("email").GetString());
        var me = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", body.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Login_FailsAlikeForUnknownEmail()
    {
        await using var server = await LoopbackServer.StartAsync();
        await AuthClient.RegisterAsync(server.Client, "known@example.com");

        var wrongPassword = await AuthClient.LoginAsync(server.Client, "known@example.com", "wrong password here");
        var unknownEmail = await AuthClient.LoginAsync(server.Client, "unknown@example.com", "wrong password here");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        var wrongPasswordProblem = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var unknownEmailProblem = await unknownEmail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(wrongPasswordProblem.GetProperty("detail").GetString(), unknownEmailProblem.GetProperty("detail").GetString());
        Assert.Equal(wrongPasswordProblem.GetProperty("title").GetString(), unknownEmailProblem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Me_ReturnsUnwrappedUser()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "me@example.com");

        var me = await (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", token)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(userId, me.GetProperty("id").GetString());
        Assert.Equal("me@example.com", me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Logout_EndsOnlyThisSession()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (first, _) = await AuthClient.RegisterAsync(server.Client, "logout@example.com");
        var second = await AuthClient.LoginTokenAsync(server.Client, "logout@example.com");

        var logout = await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout", first);
        var body = await logout.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal("Logged out successfully", body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", second)).StatusCode);
    }

    [Fact]
    public async Task Logout_RaisesEndedEvent()
    {
        await using var server = await LoopbackServer.StartAsync();
        var events = server.Services.GetRequiredService<SessionEvents>();
        var started = new List<SessionStartedEventArgs>();
        var ended = new List<SessionEndedEventArgs>();
        events.Started += (_, e) => started.Add(e);
        events.Ended += (_, e) => ended.Add(e);

        var (token, userId) = await AuthClient.RegisterAsync(server.Client, "events@example.com");
        await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout", token);
        await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout", token);

        var start = Assert.Single(started);
        var end = Assert.Single(ended);
        Assert.Equal(userId, start.UserId.ToString());
        Assert.Equal(start.SessionId, end.SessionId);
        Assert.Equal(SessionEndReason.Logout, end.Reason);
    }

    [Fact]
    public async Task Heartbeat_ReturnsExpiryAndPreviousActivity()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "beat@example.com");

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/heartbeat", token);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.True(body.GetProperty("sessionActive").GetBoolean());
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        var lastActivity = body.GetProperty("lastActivity").GetDateTimeOffset();
        Assert.InRange(expiresAt - lastActivity, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
    }
}
