using Tarang.Dhan.Feed;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

/// <summary>A peer cannot grow the feed's receive buffers or decode queue without limit.</summary>
public sealed class FeedBufferLimitTests
{
    [Fact]
    public async Task Receive_EndlessContinuationFramesCloseSocket()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, settings => settings["Feed:MaxMessageBytes"] = "4096");

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();

        // Frames that never end a message: the client must give up past 4,096 bytes.
        var frame = new byte[1024];
        try
        {
            for (var i = 0; i < 64; i++)
            {
                await first.SendAsync(frame, endOfMessage: false);
            }
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client aborted the socket part-way, as it should.
        }

        var delay = await harness.WaitForBackoffAsync();
        var disconnect = harness.Feed.GetStatus().LastDisconnect;

        Assert.Equal(FeedDisconnectKind.ConnectionLost, disconnect?.Kind);
        Assert.Equal("message too large", disconnect?.Detail);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Feed:MaxMessageBytes", StringComparison.Ordinal));

        harness.WallClock.Advance(delay);
        await server.AcceptAsync();
        await harness.WaitForStateAsync(FeedState.Live);

        Assert.Equal(2, server.UpgradeRequests);
    }

    [Fact]
    public async Task Receive_OneHugeFrameClosesSocket()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, settings => settings["Feed:MaxMessageBytes"] = "4096");

        await harness.Feed.StartAsync();
        var first = await server.AcceptAsync();
        try
        {
            await first.SendAsync(new byte[256 * 1024]);
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        await harness.WaitForBackoffAsync();

        Assert.Equal("message too large", harness.Feed.GetStatus().LastDisconnect?.Detail);
        Assert.Empty(harness.Sink.Updates);
    }

    [Fact]
    public async Task Queue_DropsMessagesPastByteLimit()
    {
        const int MaxQueuedBytes = 64 * 1024;
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, settings =>
        {
            settings["Feed:MaxMessageBytes"] = "16384";
            settings["Feed:ReceiveQueueMaxBytes"] = MaxQueuedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        using var release = new ManualResetEventSlim();
        harness.Sink.BeforeUpdate = () => release.Wait(TestWait.Timeout);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();

        // 600 ticker packets (9,600 bytes) per message: each queued message keeps a 16 KiB buffer,
        // so the 64 KiB limit is reached long before the 10,000-message count limit.
        var message = TickerMessage(600);
        var peakQueuedBytes = 0L;
        for (var i = 0; i < 40; i++)
        {
            await connection.SendAsync(message);
            peakQueuedBytes = Math.Max(peakQueuedBytes, harness.Feed.Counters.QueuedBytes);
        }

        await TestWait.UntilAsync(() => harness.Feed.Counters.DroppedMessages > 0, "the feed drops messages past the byte limit");
        peakQueuedBytes = Math.Max(peakQueuedBytes, harness.Feed.Counters.QueuedBytes);

        Assert.InRange(peakQueuedBytes, 1, MaxQueuedBytes);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Feed:ReceiveQueueMaxBytes", StringComparison.Ordinal));

        release.Set();
        await TestWait.UntilAsync(() => harness.Feed.Counters.QueuedBytes == 0, "the consumer returns every queued buffer");
    }

    private static byte[] TickerMessage(int packets)
    {
        var bytes = new byte[packets * FeedPacketLayout.TickerSize];
        for (var i = 0; i < packets; i++)
        {
            var packet = new TickerPacket(new InstrumentKey(ExchangeSegment.NseFno, 40_000 + (uint)i), 100.5f, 1_770_000_000);
            FeedPacketEncoder.Write(packet, bytes.AsSpan(i * FeedPacketLayout.TickerSize));
        }

        return bytes;
    }
}
