using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tarang.Server.Tests;

/// <summary>Warnings that can repeat per request are written once a minute at most.</summary>
public class RequestWarningTests
{
    [Fact]
    public async Task SlowRequests_WarnOncePerMinute()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Logging.AddProvider(logs),
            "--RequestLogging:SlowRequestThreshold=00:00:00.000001");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/")).StatusCode);
        }

        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 3002);
        Assert.Contains("RequestLogging:SlowRequestThreshold", warning.Message, StringComparison.Ordinal);
        Assert.Contains("GET /", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitRejections_WarnOncePerMinute()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Logging.AddProvider(logs),
            "--RateLimits:PerAddressPermitLimit=1");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await AuthClient.LoginAsync(server.Client, "nobody@example.com")).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 3003);
        Assert.Contains("/api/auth/login", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FailsForZeroSlowThreshold()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LoopbackServer.StartAsync("--RequestLogging:SlowRequestThreshold=00:00:00"));

        Assert.Contains("RequestLogging:SlowRequestThreshold", error.Message, StringComparison.Ordinal);
    }
}
