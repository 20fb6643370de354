using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server.Storage;

namespace Tarang.Server.Tests;

/// <summary>Forwarded client addresses count only from configured proxies; the audit log and rate limits use them.</summary>
public class ClientAddressTests
{
    // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): only a header value here, nothing is sent to it.
    private const string ForwardedClient = "203.0.113.7";

    [Fact]
    public async Task ForwardedFor_UsedOnlyFromKnownProxy()
    {
        await using var trusting = await LoopbackServer.StartAsync("--Proxies:KnownProxies:0=127.0.0.1");
        await using var ignoring = await LoopbackServer.StartAsync();

        Assert.Equal(ForwardedClient, await AuditedAddressAsync(trusting));
        Assert.Equal("127.0.0.1", await AuditedAddressAsync(ignoring));
    }

    [Fact]
    public async Task RateLimit_PartitionsByForwardedClient()
    {
        await using var server = await LoopbackServer.StartAsync("--Proxies:KnownProxies:0=127.0.0.1", "--RateLimits:PerAddressPermitLimit=1", "--RateLimits:PerAddressWindow=00:10:00");

        var first = await LoginFromAsync(server, "198.51.100.1");
        var second = await LoginFromAsync(server, "198.51.100.1");
        var otherClient = await LoginFromAsync(server, "198.51.100.2");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
    }

    private static async Task<string?> AuditedAddressAsync(LoopbackServer server)
    {
        await LoginFromAsync(server, ForwardedClient);
        var contexts = server.Services.GetRequiredService<IDbContextFactory<TarangDbContext>>();
        await using var context = await contexts.CreateDbContextAsync();
        return (await context.AuditEntries.SingleAsync()).IpAddress;
    }

    private static async Task<HttpResponseMessage> LoginFromAsync(LoopbackServer server, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = "nobody@example.com", password = "wrong password" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return await server.Client.SendAsync(request);
    }
}
