using System.Net;

namespace Tarang.Server.Tests;

/// <summary>Browsers from allowed origins may call the API and the hub with credentials; others may not.</summary>
public class BrowserAccessTests
{
    [Fact]
    public async Task Preflight_AllowedOrigin_Allowed()
    {
        await using var server = await LoopbackServer.StartAsync("--Cors:AllowedOrigins:0=https://trade.example.com");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/hubs/market/negotiate?negotiateVersion=1");
        preflight.Headers.Add("Origin", "https://trade.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,x-signalr-user-agent");

        var response = await server.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://trade.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }

    [Fact]
    public async Task OtherOrigin_GetsNoCorsHeaders()
    {
        await using var server = await LoopbackServer.StartAsync("--Cors:AllowedOrigins:0=https://trade.example.com");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", "https://evil.example.net");

        var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task OriginWithPath_FailsAtStart()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LoopbackServer.StartAsync("--Cors:AllowedOrigins:0=https://trade.example.com/app/"));
        Assert.Contains("Cors:AllowedOrigins", failure.Message, StringComparison.Ordinal);
    }
}
