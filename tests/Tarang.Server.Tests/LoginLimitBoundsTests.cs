using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tarang.Server.Accounts;

namespace Tarang.Server.Tests;

/// <summary>Floods of distinct addresses, emails and path spellings cannot grow the login limits' state.</summary>
public class LoginLimitBoundsTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 6, 5, 17, 0, TimeSpan.Zero);

    [Fact]
    public void Limiter_CapsTrackedKeys()
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = new KeyedWindowLimiter(clock, permitLimit: 5, TimeSpan.FromMinutes(1), maxKeys: 100);

        var decisions = Enumerable.Range(0, 1_000).Select(i => limiter.TryAcquire($"key{i}")).ToList();

        Assert.Equal(100, limiter.Count);
        Assert.All(decisions.Take(100), d => Assert.True(d.IsAcquired));
        Assert.All(decisions.Skip(100), d => Assert.True(d.TableFull));
        Assert.All(decisions.Skip(100), d => Assert.Equal(TimeSpan.FromMinutes(1), d.RetryAfter));
    }

    [Fact]
    public void Limiter_ForgetsEndedWindows()
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = new KeyedWindowLimiter(clock, permitLimit: 1, TimeSpan.FromMinutes(1), maxKeys: 100);
        for (var i = 0; i < 100; i++)
        {
            limiter.TryAcquire($"key{i}");
        }

        clock.Advance(TimeSpan.FromSeconds(59));
        var beforeEnd = limiter.TryAcquire("late");
        var repeatBeforeEnd = limiter.TryAcquire("key0");
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterEnd = limiter.TryAcquire("late");
        var repeatAfterEnd = limiter.TryAcquire("key0");

        Assert.True(beforeEnd.TableFull);
        Assert.Equal(TimeSpan.FromSeconds(1), beforeEnd.RetryAfter);
        Assert.False(repeatBeforeEnd.IsAcquired);
        Assert.False(repeatBeforeEnd.TableFull);
        Assert.True(afterEnd.IsAcquired);
        Assert.True(repeatAfterEnd.IsAcquired);
        Assert.Equal(2, limiter.Count);
    }

    [Fact]
    public async Task Login_PathSpellingsShareAddressLimit()
    {
        await using var server = await LoopbackServer.StartAsync("--RateLimits:PerAddressPermitLimit=2", "--RateLimits:PerAddressWindow=00:10:00");

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/api/auth/login", "/API/AUTH/LOGIN", "/Api/Auth/Login", "/api/auth/login/" })
        {
            var response = await server.Client.PostAsJsonAsync(path, new { email = "nobody@example.com", password = "wrong password" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Login_ForwardedAddressFloodStaysAtCap()
    {
        await using var server = await LoopbackServer.StartAsync(
            "--Proxies:KnownProxies:0=127.0.0.1", "--RateLimits:MaxTrackedAddresses=50", "--RateLimits:PerAddressWindow=00:10:00");
        var limiter = server.Services.GetRequiredService<ClientAddressRateLimiter>();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 120; i++)
        {
            statuses.Add((await LoginFromAsync(server, $"198.51.100.{i}", $"nobody{i}@example.com")).StatusCode);
        }

        Assert.Equal(50, limiter.TrackedCount);
        Assert.All(statuses.Take(50), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(50), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Login_IPv6ClientsLimitedPer64()
    {
        await using var server = await LoopbackServer.StartAsync(
            "--Proxies:KnownProxies:0=127.0.0.1", "--RateLimits:PerAddressPermitLimit=1", "--RateLimits:PerAddressWindow=00:10:00");

        // 2001:db8::/32 is the IPv6 documentation range (RFC 3849): only header values here.
        var first = await LoginFromAsync(server, "2001:db8:0:1::1");
        var sameNetwork = await LoginFromAsync(server, "2001:db8:0:1:ffff::2");
        var otherNetwork = await LoginFromAsync(server, "2001:db8:0:2::1");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task Login_EmailFloodStaysAtCaps()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(clock),
            "--RateLimits:PerAddressPermitLimit=1000", "--RateLimits:MaxTrackedAccounts=30", "--Accounts:MaxTrackedEmails=20");
        var accounts = server.Services.GetRequiredService<AccountRateLimiter>();
        var throttle = server.Services.GetRequiredService<LoginThrottle>();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add((await AuthClient.LoginAsync(server.Client, $"guess{i}@example.com", "wrong password")).StatusCode);
        }

        Assert.Equal(30, accounts.TrackedCount);
        Assert.Equal(20, throttle.TrackedCount);
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Once the windows end, old entries are dropped and new emails are counted again.
        clock.Advance(TimeSpan.FromMinutes(16));
        var later = await AuthClient.LoginAsync(server.Client, "later@example.com", "wrong password");

        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
        Assert.Equal(1, accounts.TrackedCount);
        Assert.Equal(1, throttle.TrackedCount);
    }

    private static async Task<HttpResponseMessage> LoginFromAsync(LoopbackServer server, string client, string email = "nobody@example.com")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email, password = "wrong password" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return await server.Client.SendAsync(request);
    }
}
