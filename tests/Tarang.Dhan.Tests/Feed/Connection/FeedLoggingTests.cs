using System.Net;
using System.Net.Sockets;
using Tarang.Dhan.Credentials;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedLoggingTests
{
    [Fact]
    public void Credentials_ToStringHidesToken()
    {
        var text = new DhanCredentials(FeedHarness.ClientId, FeedHarness.Token).ToString();

        Assert.DoesNotContain(FeedHarness.Token, text, StringComparison.Ordinal);
        Assert.Contains(FeedHarness.ClientId, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NeverContainTokenOrQueryString()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);

        // A live session with subscriptions, a drop, Dhan's 805, an HTTP 401, then 807.
        harness.Feed.Subscribe(FeedHarness.Instruments(120), FeedMode.Quote);
        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        await connection.ReadUntilInstrumentsAsync(17, 120);
        connection.Abort();
        harness.WallClock.Advance(await harness.WaitForBackoffAsync());
        await (await server.AcceptAsync()).DisconnectAsync(805);
        server.RejectWithStatus = 403;
        harness.WallClock.Advance(await harness.WaitForBackoffAsync());
        await harness.WaitForStateAsync(FeedState.CredentialRejected);
        server.RejectWithStatus = null;
        harness.Credentials.ReplaceCredentials(new DhanCredentials(FeedHarness.ClientId, FeedHarness.Token + "x"), "admin");
        await (await server.AcceptAsync()).DisconnectAsync(807);
        await harness.WaitForStateAsync(FeedState.TokenExpired);
        using var cancellation = new CancellationTokenSource(TestWait.Timeout);
        await harness.Feed.StopAsync(cancellation.Token);

        // A refused connection, whose exception text is logged redacted.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var refused = FeedHarness.Create(new Uri($"ws://127.0.0.1:{port}/feed"));
        await refused.Feed.StartAsync();
        await refused.WaitForBackoffAsync();

        var lines = harness.Logs.Lines.Concat(refused.Logs.Lines).ToList();
        Assert.Contains(lines, l => l.Contains(" 1005 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" 1006 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" 1012 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(server.Url.Authority, StringComparison.Ordinal));
        var statusText = harness.Feed.GetStatus().ToString() + refused.Feed.GetStatus().LastDisconnect;
        foreach (var text in lines.Append(statusText))
        {
            Assert.DoesNotContain(FeedHarness.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(FeedHarness.Token[..20], text, StringComparison.Ordinal);
            Assert.DoesNotContain("token=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("version=2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("authType", text, StringComparison.Ordinal);
        }
    }
}
