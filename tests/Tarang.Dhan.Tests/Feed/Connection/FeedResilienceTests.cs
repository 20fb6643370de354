using System.Net;
using System.Net.Sockets;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedResilienceTests
{
    [Fact]
    public async Task ResettingServer_GrowsJitteredDelaysWithFlatCounts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stopAccepting = new CancellationTokenSource();
        var accepted = 0;
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync(stopAccepting.Token);
                    Interlocked.Increment(ref accepted);

                    // Linger with a zero timeout makes Close send a TCP reset instead of a FIN.
                    client.LingerState = new LingerOption(true, 0);
                    client.Close();
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or InvalidOperationException or ObjectDisposedException)
            {
                // The test stopped the listener.
            }
        });
        var url = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/feed");
        await using var harness = FeedHarness.Create(url);

        await harness.Feed.StartAsync();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var delay = await harness.WaitForBackoffAsync();
            delays.Add(delay);
            Assert.Equal(0, harness.Feed.Counters.OpenSockets);
            Assert.Equal(0, harness.Feed.Counters.ActiveTimers);
            Assert.Equal(0, harness.Feed.Counters.RunningReceiveLoops);
            Assert.Equal(0, harness.Feed.Counters.RunningSendLoops);
            Assert.Equal(0, harness.Feed.Counters.ConnectsInFlight);
            harness.WallClock.Advance(delay);
            await TestWait.UntilAsync(() => harness.Feed.Counters.ConnectAttempts == i + 2, $"attempt {i + 2} starts");
        }

        // Stop during the backoff: no attempt follows, however far time moves.
        await harness.WaitForBackoffAsync();
        using var cancellation = new CancellationTokenSource(TestWait.Timeout);
        await harness.Feed.StopAsync(cancellation.Token);
        var attemptsAtStop = harness.Feed.Counters.ConnectAttempts;
        harness.WallClock.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(100);

        Assert.Equal(attemptsAtStop, harness.Feed.Counters.ConnectAttempts);
        Assert.Equal(FeedState.Idle, harness.State);
        Assert.Equal(1, harness.Feed.Counters.MaxConnectsInFlight);
        Assert.True(Volatile.Read(ref accepted) >= 11, $"The server saw {accepted} connections.");

        var nominal = new[] { 1, 2, 4, 8, 16, 32, 60, 60, 60, 60 };
        for (var i = 0; i < nominal.Length; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, nominal[i] * 0.8, nominal[i]);
        }

        for (var i = 1; i < 6; i++)
        {
            Assert.True(delays[i] > delays[i - 1], $"Delay {i} ({delays[i]}) did not grow from {delays[i - 1]}.");
        }

        Assert.True(delays.Distinct().Count() > 1 && delays.Any(d => d.TotalSeconds != Math.Round(d.TotalSeconds)), "The delays carry no jitter.");

        // Start again: attempts resume.
        await harness.Feed.StartAsync();
        await TestWait.UntilAsync(() => harness.Feed.Counters.ConnectAttempts > attemptsAtStop, "attempts resume after start");
        await stopAccepting.CancelAsync();
        listener.Stop();
        await acceptLoop;
    }

    [Fact]
    public async Task Feed_CountsAreFlatAcrossReconnects()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        harness.Feed.Subscribe(FeedHarness.Instruments(5), FeedMode.Ticker);

        await harness.Feed.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            var connection = await server.AcceptAsync();
            await connection.NextRequestAsync();
            await harness.WaitForStateAsync(FeedState.Live);

            Assert.Equal(1, harness.Feed.Counters.OpenSockets);
            Assert.Equal(1, harness.Feed.Counters.ActiveTimers);
            Assert.Equal(1, harness.Feed.Counters.RunningReceiveLoops);
            Assert.Equal(1, harness.Feed.Counters.RunningSendLoops);

            connection.Abort();
            harness.WallClock.Advance(await harness.WaitForBackoffAsync());
        }

        await server.AcceptAsync();
        await harness.WaitForStateAsync(FeedState.Live);
        Assert.Equal(1, harness.Feed.Counters.OpenSockets);
        Assert.Equal(1, harness.Feed.Counters.ActiveTimers);
    }

    [Fact]
    public async Task SlowSink_DoesNotStarvePongs()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, settings =>
        {
            // A pong timeout well above a loaded machine's scheduling delays, so only a starved
            // receive loop, not a busy CI machine, can miss it.
            settings["Feed:KeepAliveInterval"] = "00:00:00.250";
            settings["Feed:PongTimeout"] = "00:00:02";
        });
        using var gate = new ManualResetEventSlim(false);
        harness.Sink.BeforeUpdate = () => gate.Wait(TestWait.Timeout);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        await connection.SendTickerAsync(FeedHarness.Instruments(1)[0], 100, 1_770_000_000);

        // Real time: the sink blocks the consumer for two and a half pong timeouts.
        await Task.Delay(TimeSpan.FromSeconds(5));
        gate.Set();
        await TestWait.UntilAsync(() => harness.Sink.Updates.Count == 1, "the update is delivered");

        Assert.Null(harness.Feed.GetStatus().LastDisconnect);
        Assert.Equal(FeedState.Live, harness.State);
        Assert.Equal(1, server.UpgradeRequests);
    }

    [Fact]
    public async Task LifecycleStorm_LeavesOneSocket()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instruments = FeedHarness.Instruments(300);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            harness.Feed.Subscribe(instruments.Skip(i * 10).Take(10), FeedMode.Quote);
            if (i % 3 == 0)
            {
                using var cancellation = new CancellationTokenSource(TestWait.Timeout);
                await harness.Feed.StopAsync(cancellation.Token);
            }
            else
            {
                await harness.Feed.StartAsync();
            }
        })));
        await harness.Feed.StartAsync();
        await TestWait.UntilAsync(() => harness.Feed.GetStatus().Subscribed == 300, "all 300 are subscribed");

        Assert.Equal(FeedState.Live, harness.State);
        Assert.Equal(1, harness.Feed.Counters.OpenSockets);
        Assert.Equal(1, harness.Feed.Counters.ActiveTimers);
        Assert.Equal(1, harness.Feed.Counters.RunningReceiveLoops);
        Assert.Equal(1, harness.Feed.Counters.MaxConnectsInFlight);
    }

    [Fact]
    public async Task ThrowingSink_SkipsMessageAndContinues()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url);
        var instrument = FeedHarness.Instruments(1)[0];
        var calls = 0;
        harness.Sink.BeforeUpdate = () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("The sink failed.");
            }
        };

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        await connection.SendTickerAsync(instrument, 100, 1_770_000_000);
        await connection.SendTickerAsync(instrument, 101, 1_770_000_001);
        await TestWait.UntilAsync(() => harness.Sink.Updates.Count == 1, "the second ticker is delivered");

        Assert.Equal(101m, harness.Sink.Updates[0].LastTradedPrice);
        Assert.Contains(harness.Logs.Lines, l => l.Contains(" 1015 ", StringComparison.Ordinal) && l.Contains("The sink failed.", StringComparison.Ordinal));
        Assert.Equal(FeedState.Live, harness.State);
    }

    [Fact]
    public async Task SlowSink_DropsAndCountsMessages()
    {
        await using var server = await FeedTestServer.StartAsync();
        await using var harness = FeedHarness.Create(server.Url, settings => settings["Feed:ReceiveQueueCapacity"] = "4");
        var instrument = FeedHarness.Instruments(1)[0];
        using var gate = new ManualResetEventSlim(false);
        harness.Sink.BeforeUpdate = () => gate.Wait(TestWait.Timeout);

        await harness.Feed.StartAsync();
        var connection = await server.AcceptAsync();
        for (var i = 0; i < 50; i++)
        {
            await connection.SendTickerAsync(instrument, 100 + i, 1_770_000_000);
        }

        await TestWait.UntilAsync(() => harness.Feed.Counters.DroppedMessages > 0, "messages are dropped");

        // The receive loop kept going: the socket is still live.
        Assert.Equal(FeedState.Live, harness.State);
        gate.Set();
        await TestWait.UntilAsync(() => harness.Sink.Updates.Count + harness.Feed.Counters.DroppedMessages == 50, "every message is delivered or counted");
        Assert.Contains(harness.Logs.Lines, l => l.Contains(" 1011 ", StringComparison.Ordinal));
    }
}
