using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Tarang.Server.Tests;

/// <summary>Rate limits per client address and per account, and the lockout after failed logins.</summary>
public class LoginLimitTests
{
    [Fact]
    public async Task Login_LimitedPerClientAddress()
    {
        await using var server = await LoopbackServer.StartAsync("--RateLimits:PerAddressPermitLimit=3", "--RateLimits:PerAddressWindow=00:10:00");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AuthClient.LoginAsync(server.Client, $"user{i}@example.com", "wrong password")).StatusCode);
        }

        var limited = await AuthClient.LoginAsync(server.Client, "user9@example.com", "wrong password");

        await AssertTooManyRequestsAsync(limited);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Register_LimitedPerClientAddress()
    {
        await using var server = await LoopbackServer.StartAsync("--RateLimits:PerAddressPermitLimit=2", "--RateLimits:PerAddressWindow=00:10:00");

        await AuthClient.RegisterAsync(server.Client, "one@example.com");
        await AuthClient.RegisterAsync(server.Client, "two@example.com");
        var limited = await server.Client.PostAsJsonAsync("/api/auth/register",
            new { email = "three@example.com", password = AuthClient.Password, first_name = "A", last_name = "B" });

        await AssertTooManyRequestsAsync(limited);
    }

    [Fact]
    public async Task Login_LimitedPerAccount()
    {
        await using var server = await LoopbackServer.StartAsync("--RateLimits:PerAccountPermitLimit=2", "--RateLimits:PerAccountWindow=00:10:00");
        await AuthClient.RegisterAsync(server.Client, "account@example.com");

        Assert.Equal(HttpStatusCode.OK, (await AuthClient.LoginAsync(server.Client, "account@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthClient.LoginAsync(server.Client, "ACCOUNT@example.com")).StatusCode);
        var limited = await AuthClient.LoginAsync(server.Client, "account@example.com");
        var otherAccount = await AuthClient.LoginAsync(server.Client, "other@example.com", "wrong password");

        await AssertTooManyRequestsAsync(limited);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Login_LocksAccountAfterFailures()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 6, 5, 17, 0, TimeSpan.Zero));
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(clock),
            "--Accounts:MaxFailedLogins=3", "--Accounts:LockoutDuration=00:15:00");
        await AuthClient.RegisterAsync(server.Client, "locked@example.com");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AuthClient.LoginAsync(server.Client, "locked@example.com", "wrong password")).StatusCode);
        }

        var whileLocked = await AuthClient.LoginAsync(server.Client, "locked@example.com");
        clock.Advance(TimeSpan.FromMinutes(15));
        var afterLockout = await AuthClient.LoginAsync(server.Client, "locked@example.com");

        await AssertTooManyRequestsAsync(whileLocked);
        Assert.Equal(TimeSpan.FromMinutes(15), whileLocked.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, afterLockout.StatusCode);
    }

    [Fact]
    public async Task Lockout_SameForUnknownEmail()
    {
        await using var server = await LoopbackServer.StartAsync("--Accounts:MaxFailedLogins=2");
        await AuthClient.RegisterAsync(server.Client, "exists@example.com");

        foreach (var email in new[] { "exists@example.com", "missing@example.com" })
        {
            await AuthClient.LoginAsync(server.Client, email, "wrong password");
            await AuthClient.LoginAsync(server.Client, email, "wrong password");
        }

        var existing = await AuthClient.LoginAsync(server.Client, "exists@example.com", "wrong password");
        var missing = await AuthClient.LoginAsync(server.Client, "missing@example.com", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, existing.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, missing.StatusCode);
        var existingProblem = await existing.Content.ReadFromJsonAsync<JsonElement>();
        var missingProblem = await missing.Content.ReadFromJsonAsync<JsonElement>();

        // The same words; the seconds left may differ by one on a busy machine.
        Assert.Equal(WithoutNumbers(existingProblem.GetProperty("detail").GetString()), WithoutNumbers(missingProblem.GetProperty("detail").GetString()));
    }

    private static string WithoutNumbers(string? text) => System.Text.RegularExpressions.Regex.Replace(text ?? "", "[0-9]+", "N");

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("Try again in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
