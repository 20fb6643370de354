using Tarang.Dhan.Credentials;
using Tarang.Dhan.Feed;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedReconnectTests
{
    private const string NewToken = "eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjE4MDAwMDAwMDB9.bmV3LXNpZ25hdHVyZQ";

    [Fact]
    public async Task Drop_ReplaysWholeSetExactlyOnce()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(150);

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        harness.Feed.Subscribe(instruments, FeedMode.Quote);
        await first.ReadUntilInstrumentsAsync((int)FeedRequestCode.SubscribeQuote, 150);
        first.Abort();
        var delay = await harness.WaitForBackoffAsync();
        harness.WallClock.Advance(delay);
        var second = await server.AcceptAsync();
        var replay = await second.ReadUntilInstrumentsAsync((int)FeedRequestCode.SubscribeQuote, 150);
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == 150, "the replay is sent");
        await Task.Delay(100);

        Assert.Equal([100, 50], replay.Select(r => r.Instruments.Count));
        Assert.Equal(instruments.ToHashSet(), replay.SelectMany(r => r.Instruments).ToHashSet());
        Assert.False(second.TryTakeRequest(out _), "The replay sent a duplicate request.");
        Assert.Equal(FeedState.Live, harness.State);
        Assert.Equal(FeedDisconnectKind.ConnectionLost, harness.Feed.GetStatus().LastDisconnect?.Kind);
    }

    [Fact]
    public async Task Drop_ChangesWhileDownAreCoveredByReplay()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(3);

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        harness.Feed.Subscribe(instruments[..2], FeedMode.Ticker);
        await first.ReadUntilInstrumentsAsync((int)FeedRequestCode.SubscribeTicker, 2);
        first.Abort();
        var delay = await harness.WaitForBackoffAsync();

        // Changes while disconnected: nothing is queued, the replay sends the set as it is then.
        harness.Feed.Unsubscribe([instruments[0]], FeedMode.Ticker);
        harness.Feed.Subscribe([instruments[2]], FeedMode.Ticker);
        harness.WallClock.Advance(delay);
        var second = await server.AcceptAsync();
        var replay = await second.NextRequestAsync();
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == 2, "the replay is sent");
        await Task.Delay(100);

        Assert.Equal((int)FeedRequestCode.SubscribeTicker, replay.Code);
        Assert.Equal(new[] { instruments[1], instruments[2] }.ToHashSet(), replay.Instruments.ToHashSet());
        Assert.False(second.TryTakeRequest(out _), "A change the replay covered was sent again.");
    }

    [Fact]
    public async Task Reason805_BacksOffMinuteToTenMinutes()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            var connection = await server.AcceptAsync();
            await connection.DisconnectAsync(DhanDisconnectReasons.TooManyConnections);
            var delay = await harness.WaitForBackoffAsync();
            delays.Add(delay);
            harness.WallClock.Advance(delay - TimeSpan.FromMilliseconds(1));
            await Task.Delay(50);
            Assert.False(server.TryAccept(out _), $"Reconnected before the 805 delay of {delay} ended.");
            harness.WallClock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var nominal = new[] { 60, 120, 240, 480, 600, 600 };
        for (var i = 0; i < nominal.Length; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, nominal[i], Math.Min(nominal[i] * 1.1, 600));
        }

        Assert.Equal(805, harness.Feed.GetStatus().LastDisconnect?.ReasonCode);
        Assert.Equal([805, 805, 805, 805, 805, 805], harness.Sink.Disconnects.Select(c => (int)c));
        Assert.Equal(6, harness.Feed.Counters.RateLimitWaits);
        Assert.Equal(delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay), harness.Feed.Counters.RateLimitWaitTime);
    }

    [Fact]
    public async Task Reason807_WaitsForNewTokenThenResumes()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        await first.DisconnectAsync(DhanDisconnectReasons.AccessTokenExpired);
        await harness.WaitForStateAsync(FeedState.TokenExpired);
        harness.WallClock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(100);

        Assert.Equal(1, server.UpgradeRequests);
        Assert.Null(harness.Feed.GetStatus().NextRetryAt);

        harness.Credentials.ReplaceCredentials(new DhanCredentials(FeedHarness.ClientId, NewToken), "admin");
        var second = await server.AcceptAsync();
        await harness.WaitForStateAsync(FeedState.Live);

        Assert.Equal(NewToken, second.Token);
    }

    [Fact]
    public async Task Reason809_RejectsCredentialsUntilReplaced()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        await first.DisconnectAsync(DhanDisconnectReasons.AccessTokenInvalid);
        await harness.WaitForStateAsync(FeedState.CredentialRejected);
        harness.WallClock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(100);

        Assert.Equal(1, server.UpgradeRequests);
        Assert.Equal(809, harness.Feed.GetStatus().LastDisconnect?.ReasonCode);

        harness.Credentials.ReplaceCredentials(new DhanCredentials(FeedHarness.ClientId, NewToken), "admin");
        var second = await server.AcceptAsync();

        Assert.Equal(NewToken, second.Token);
        await harness.WaitForStateAsync(FeedState.Live);
    }

    [Fact]
    public async Task ConfigurationReload_ResumesRejectedFeed()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        await first.DisconnectAsync(DhanDisconnectReasons.AuthenticationFailed);
        await harness.WaitForStateAsync(FeedState.CredentialRejected);
        harness.Configuration["Dhan:AccessToken"] = NewToken;
        harness.Configuration.Reload();
        var second = await server.AcceptAsync();

        Assert.Equal(NewToken, second.Token);
        Assert.Equal(NewToken, harness.Credentials.Current.AccessToken);
    }

    [Fact]
    public async Task UnknownReason_BacksOffFromOneSecond()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var delays = new List<TimeSpan>();
        foreach (var reason in new ushort[] { 999, 800, 814 })
        {
            var connection = await server.AcceptAsync();
            await connection.DisconnectAsync(reason);
            var delay = await harness.WaitForBackoffAsync();
            delays.Add(delay);
            Assert.Equal(reason, harness.Feed.GetStatus().LastDisconnect?.ReasonCode);
            harness.WallClock.Advance(delay);
        }

        await server.AcceptAsync();
        Assert.InRange(delays[0].TotalSeconds, 0.8, 1);
        Assert.InRange(delays[1].TotalSeconds, 1.6, 2);
        Assert.InRange(delays[2].TotalSeconds, 3.2, 4);
    }

    [Fact]
    public async Task Http401AtUpgrade_RejectsCredentials()
    {
        await using var server = await FeedTestServer.StartAsync();
        server.RejectWithStatus = 401;
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        await harness.WaitForStateAsync(FeedState.CredentialRejected);
        harness.WallClock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(100);

        var status = harness.Feed.GetStatus();
        Assert.Equal(FeedDisconnectKind.UpgradeRejected, status.LastDisconnect?.Kind);
        Assert.Equal(401, status.LastDisconnect?.HttpStatusCode);
        Assert.Equal(1, server.UpgradeRequests);
    }

    [Fact]
    public async Task Http503AtUpgrade_BacksOffAndRetries()
    {
        await using var server = await FeedTestServer.StartAsync();
        server.RejectWithStatus = 503;
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var delay = await harness.WaitForBackoffAsync();
        server.RejectWithStatus = null;
        harness.WallClock.Advance(delay);
        await server.AcceptAsync();

        Assert.Equal(503, harness.Feed.GetStatus().LastDisconnect?.HttpStatusCode);
        await harness.WaitForStateAsync(FeedState.Live);
    }

    [Fact]
    public async Task Http429AtUpgrade_BacksOffLikeReason805()
    {
        await using var server = await FeedTestServer.StartAsync();
        server.RejectWithStatus = 429;
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var delay = await harness.WaitForBackoffAsync();

        Assert.InRange(delay.TotalSeconds, 60, 66);
        Assert.Equal(429, harness.Feed.GetStatus().LastDisconnect?.HttpStatusCode);
        Assert.Equal(1, harness.Feed.Counters.RateLimitWaits);
        Assert.Equal(delay, harness.Feed.Counters.RateLimitWaitTime);
    }

    [Fact]
    public async Task DisconnectPacket_WithoutCloseStillFollowsReason()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        var packet = new byte[FeedPacketLayout.DisconnectSize];
        FeedPacketEncoder.Write(new DisconnectPacket(DhanDisconnectReasons.AccessTokenExpired), packet);
        await connection.SendAsync(packet);

        await harness.WaitForStateAsync(FeedState.TokenExpired);
        await connection.Closed.WaitAsync(TestWait.Timeout);
        Assert.Equal(0, harness.Feed.GetStatus().OpenConnections);
    }

    [Fact]
    public async Task StableConnection_ResetsBackoff()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        await harness.Feed.StartAsync();
        (await server.AcceptAsync()).Abort();
        var first = await harness.WaitForBackoffAsync();
        harness.WallClock.Advance(first);
        var second = await server.AcceptAsync();
        await harness.WaitForStateAsync(FeedState.Live);
        harness.WallClock.Advance(TimeSpan.FromMinutes(2));
        second.Abort();
        var afterStable = await harness.WaitForBackoffAsync();

        Assert.InRange(afterStable.TotalSeconds, 0.8, 1);
        Assert.Equal(1, harness.Feed.GetStatus().Attempt);
    }
}
