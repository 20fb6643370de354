using Tarang.Dhan.Feed;
using Tarang.Market.Diagnostics;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedWarningTests
{
    // A ticker header that declares 3 bytes, below the 8-byte header, so it cannot be framed.
    private static readonly byte[] Malformed = [2, 3, 0, 1, 0, 0, 0, 0];

    [Fact]
    public async Task MalformedPackets_WarnOncePerInterval()
    {
        await using var server = await FeedTestServer.StartAsync();

        // After the close the watchdog stays quiet while the wall clock is advanced.
        await using var harness = FeedHarness.Create(server.Url, exchangeTime: FeedHarness.EveningAfterClose);
        harness.Feed.Subscribe(FeedHarness.Instruments(1), FeedMode.Ticker);
        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();

        for (var i = 0; i < 5; i++)
        {
            await connection.SendAsync(Malformed);
        }

        await TestWait.UntilAsync(() => harness.Feed.DecodeCounters.FaultCount(FeedDecodeFault.LengthBelowHeader) == 5, "five faults are counted");
        Assert.Single(Warnings(harness));

        harness.WallClock.Advance(RateLimitedWarning.DefaultInterval);
        await connection.SendAsync(Malformed);
        await TestWait.UntilAsync(() => Warnings(harness).Count == 2, "a second warning after the interval");

        var second = Warnings(harness)[1];
        Assert.Contains("Suppressed=4", second, StringComparison.Ordinal);
        Assert.Contains("LengthBelowHeader 6", second, StringComparison.Ordinal);
    }

    private static List<string> Warnings(FeedHarness harness) =>
        harness.Logs.Lines.Where(line => line.Contains(" 1021 ", StringComparison.Ordinal)).ToList();
}
