using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tarang.Dhan.Credentials;
using Tarang.Dhan.Tests.Feed.Connection;

namespace Tarang.Dhan.Tests.Credentials;

public sealed class TokenRenewalTests
{
    [Fact]
    public async Task Renewal_ReplacesTokenBeforeExpiry()
    {
        await using var stub = await RenewTokenStub.StartAsync(HttpStatusCode.OK, """{"accessToken":"renewed-token","expiryTime":"2030-01-02T00:00:00"}""");
        await using var harness = CreateHarness(stub, out var token, out var expiresAt);
        var service = harness.Services.GetServices<IHostedService>().OfType<TokenRenewalService>().Single();

        await service.StartAsync(CancellationToken.None);

        Assert.Equal(expiresAt - TimeSpan.FromHours(1), service.NextRenewalAt);

        harness.WallClock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(50);
        Assert.Equal(0, stub.Requests);

        harness.WallClock.Advance(TimeSpan.FromMinutes(1));
        await TestWait.UntilAsync(() => harness.Credentials.Current.AccessToken == "renewed-token", "the token is renewed");

        Assert.Equal(1, stub.Requests);
        Assert.Equal(token, stub.LastAccessToken);
        Assert.Equal(FeedHarness.ClientId, stub.LastClientId);
        Assert.Equal("/v2/RenewToken", stub.LastPath);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Renewal_FailureKeepsOldTokenAndRetries()
    {
        await using var stub = await RenewTokenStub.StartAsync(HttpStatusCode.BadRequest, """{"errorType":"Input_Exception","errorCode":"DH-905","errorMessage":"Missing required fields"}""");
        await using var harness = CreateHarness(stub, out var token, out _);
        var service = harness.Services.GetServices<IHostedService>().OfType<TokenRenewalService>().Single();

        await service.StartAsync(CancellationToken.None);
        harness.WallClock.Advance(TimeSpan.FromHours(1));
        var retryAt = harness.WallClock.GetUtcNow() + TokenRenewalService.RetryInterval;
        await TestWait.UntilAsync(() => service.NextRenewalAt == retryAt, "the retry is scheduled");

        Assert.Contains(harness.Logs.Lines, l => l.Contains(" 1104 ", StringComparison.Ordinal));
        Assert.Equal(token, harness.Credentials.Current.AccessToken);
        Assert.All(harness.Logs.Lines, l => Assert.DoesNotContain(token, l, StringComparison.Ordinal));

        harness.WallClock.Advance(TokenRenewalService.RetryInterval);
        await TestWait.UntilAsync(() => stub.Requests == 2, "the renewal is retried");
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Renewal_PlansFarExpiryInSteps()
    {
        // A token valid for a year: one timer cannot wait that long (the limit is about 49.7 days).
        await using var stub = await RenewTokenStub.StartAsync(HttpStatusCode.OK, """{"accessToken":"renewed-token"}""");
        await using var harness = CreateHarness(stub, out _, out _);
        var service = harness.Services.GetServices<IHostedService>().OfType<TokenRenewalService>().Single();
        await service.StartAsync(CancellationToken.None);
        var expiresAt = harness.WallClock.GetUtcNow().AddDays(365);

        harness.Credentials.ReplaceCredentials(new DhanCredentials(FeedHarness.ClientId, MakeJwt(expiresAt)), "test");

        Assert.Equal(expiresAt - TimeSpan.FromHours(1), service.NextRenewalAt);
        harness.WallClock.Advance(TokenRenewalService.MaxTimerDelay);
        await TestWait.UntilAsync(() => service.NextRenewalAt == expiresAt - TimeSpan.FromHours(1), "the renewal is planned again");
        Assert.Equal(0, stub.Requests);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void JwtExpiry_ReadsExpClaim()
    {
        var token = MakeJwt(DateTimeOffset.FromUnixTimeSeconds(1_770_000_000));

        Assert.True(JwtExpiry.TryRead(token, out var expiresAt));
        Assert.Equal(1_770_000_000, expiresAt.ToUnixTimeSeconds());
        Assert.False(JwtExpiry.TryRead("not-a-jwt", out _));
        Assert.False(JwtExpiry.TryRead("a.!!!.c", out _));
    }

    internal static string MakeJwt(DateTimeOffset expiresAt)
    {
        static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Encode("""{"alg":"HS512","typ":"JWT"}""")}.{Encode($$"""{"iss":"dhan","dhanClientId":"{{FeedHarness.ClientId}}","exp":{{expiresAt.ToUnixTimeSeconds()}}}""")}.c2lnbmF0dXJl";
    }

    private static FeedHarness CreateHarness(RenewTokenStub stub, out string token, out DateTimeOffset expiresAt)
    {
        // A random start, so a renewal that reads the real clock instead of the fake one fails.
        var now = FeedHarness.RandomWallClockStart();
        expiresAt = now.AddHours(2);
        token = MakeJwt(expiresAt);
        return FeedHarness.Create(new Uri("ws://127.0.0.1:9/feed"), settings => settings["Dhan:RestBaseUrl"] = stub.Url.ToString(), token: token, wallClockStart: now);
    }

    private sealed class RenewTokenStub : IAsyncDisposable
    {
        private readonly WebApplication app;
        private int requests;

        private RenewTokenStub(WebApplication app) => this.app = app;

        public Uri Url { get; private set; } = null!;

        public int Requests => Volatile.Read(ref requests);

        public string? LastAccessToken { get; private set; }

        public string? LastClientId { get; private set; }

        public string? LastPath { get; private set; }

        public static async Task<RenewTokenStub> StartAsync(HttpStatusCode status, string body)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var stub = new RenewTokenStub(app);
            app.Run(async context =>
            {
                stub.LastPath = context.Request.Path;
                stub.LastAccessToken = context.Request.Headers["access-token"];
                stub.LastClientId = context.Request.Headers["dhanClientId"];
                Interlocked.Increment(ref stub.requests);
                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            });
            await app.StartAsync();
            stub.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            return stub;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
