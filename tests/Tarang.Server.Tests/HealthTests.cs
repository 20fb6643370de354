using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Tarang.Server.Tests;

public class HealthTests
{
    [Fact]
    public async Task Ready_ReportsEachCheck()
    {
        await using var server = await LoopbackServer.StartAsync();

        var response = await server.Client.GetAsync("/health/ready");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["database", "feed", "reference-data"], checks.Keys.Order());
        foreach (var check in checks.Values)
        {
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
            Assert.True(check.GetProperty("durationMs").GetDouble() >= 0);
            Assert.False(string.IsNullOrEmpty(check.GetProperty("description").GetString()));
        }

        Assert.Equal("Idle", checks["feed"].GetProperty("data").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Live_ReturnsHealthyWithoutChecks()
    {
        await using var server = await LoopbackServer.StartAsync();

        var response = await server.Client.GetAsync("/health/live");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(0, report.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Ready_StaysUpWhenFeedIsDown()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var kit = new FeedTestKit(server);
        await AuthClient.RegisterAsync(server.Client, "feed-down@example.com");
        await FeedTestKit.EventuallyAsync(() => kit.Feed.GetStatus().State == Tarang.Market.MarketData.FeedState.Live, "The feed did not go live.");

        // Dhan's 807 (token expired) stops the feed until new credentials arrive.
        var control = new Uri(server.Services.GetRequiredService<Tarang.Server.Services.EmbeddedSimulator>().Running.ControlUrl, "connections/disconnect?reason=807");
        (await server.Client.PostAsync(control, content: null)).EnsureSuccessStatusCode();
        await FeedTestKit.EventuallyAsync(() => kit.Feed.GetStatus().State == Tarang.Market.MarketData.FeedState.TokenExpired, "The feed did not stop for the expired token.");

        var response = await server.Client.GetAsync("/health/ready");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var feed = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "feed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal("Degraded", feed.GetProperty("status").GetString());
        Assert.Equal("TokenExpired", feed.GetProperty("data").GetProperty("state").GetString());
        Assert.Contains("Dhan:AccessToken", feed.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_Returns503WhenPostgresStops()
    {
        // A server of its own, because this test stops it.
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync();
            await using var server = await LoopbackServer.StartAsync(
                "--Database:Provider=Postgres",
                $"--Database:ConnectionString={connectionString}",
                "--Health:DatabaseTimeout=00:00:03");
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/ready")).StatusCode);

            await postgres.StopAsync();

            HttpResponseMessage? response = null;
            await FeedTestKit.EventuallyAsync(
                async () => (response = await server.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "/health/ready did not answer 503 after PostgreSQL stopped.");
            var report = await response!.Content.ReadFromJsonAsync<JsonElement>();
            var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

            Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks["database"].GetProperty("status").GetString());
            Assert.Equal("Healthy", checks["reference-data"].GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_FailsForZeroDatabaseTimeout()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LoopbackServer.StartAsync("--Health:DatabaseTimeout=00:00:00"));

        Assert.Contains("Health:DatabaseTimeout", error.Message, StringComparison.Ordinal);
    }
}
