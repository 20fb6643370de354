using System.Globalization;
using Microsoft.Extensions.Logging;
using Tarang.Simulator.Recording;
using Xunit.Abstractions;

namespace Tarang.Server.Tests;

/// <summary>
/// A user's whole path on the embedded default, day 2025-12-24: register, connect the hub,
/// subscribe NIFTY 50, BANKNIFTY and RELIANCE, receive updates on the recorded price path, read
/// the server's candles over REST equal to the recorded bars, log out, and see the feed disconnect.
/// </summary>
public class LiveMarketDataEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task User_FollowsRecordedDayEndToEnd()
    {
        // The disconnect request waits on the wall clock, and a test host busy with other tests
        // may read it after the default 2 s, so the wait is 10 s here.
        var logs = new CapturingLoggerProvider(LogLevel.Warning);
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Logging.AddProvider(logs),
            "--Simulator:StartDate=2025-12-24",
            "--Simulator:StartTime=09:08:00",
            "--Simulator:Speed=60",
            "--Feed:DisconnectGracePeriod=00:00:01",
            "--Feed:DisconnectRequestTimeout=00:00:10");
        using var kit = new FeedTestKit(server);
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "trader@example.com");
        await using var hub = await HubClient.ConnectAsync(server.Address, token);
        string[] keys = ["IDX_I:13", "IDX_I:25", "NSE_EQ:2885"];
        await hub.SubscribeAsync("quote", keys);

        using var client = server.CreateClient(token);
        var instruments = new[] { MarketRecording.Nifty50, MarketRecording.BankNifty, MarketRecording.Reliance };
        foreach (var instrument in instruments)
        {
            var candles = await CandlesEndToEndTests.WaitForCandlesAsync(client, instrument, count: 6);
            var compared = CandlesEndToEndTests.CompareWithRecording(instrument, candles);
            Assert.True(compared >= 3, $"Only {compared} complete candles of {instrument} could be compared.");
        }

        // Every pushed LTP lies inside the recorded bar of its trade minute: the recorded price path.
        foreach (var instrument in instruments)
        {
            var bars = CandlesEndToEndTests.RecordedBars(instrument);
            var updates = hub.Updates.Where(u => u.Instrument == instrument.ToString() && u.Ltp is not null && u.Ltt is not null).ToList();
            Assert.True(updates.Count >= 20, $"Only {updates.Count} hub updates of {instrument} arrived.");
            var onPath = 0;
            foreach (var update in updates)
            {
                var ltt = DateTimeOffset.Parse(update.Ltt!, CultureInfo.InvariantCulture);
                var minute = new DateTimeOffset(ltt.Year, ltt.Month, ltt.Day, ltt.Hour, ltt.Minute, 0, ltt.Offset);
                if (!bars.TryGetValue(minute, out var bar))
                {
                    continue;
                }

                Assert.InRange((decimal)update.Ltp!.Value, bar.Low, bar.High);
                onPath++;
            }

            output.WriteLine($"{instrument}: {updates.Count} hub updates, {onPath} inside their recorded minute's range");
            Assert.True(onPath >= 20, $"Only {onPath} hub updates of {instrument} fell in recorded minutes.");
        }

        await kit.LogoutAsync(token);

        await hub.ClosedWith.Task.WaitAsync(FeedTestKit.Patience);
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 0, "The upstream feed stayed connected after the last logout");
        var disconnectRequests = await kit.DisconnectRequestsAsync();
        foreach (var entry in logs.Entries)
        {
            output.WriteLine($"{entry.Category} {entry.EventId.Id}: {entry.Message}");
        }

        Assert.Equal(1, disconnectRequests);
    }
}
