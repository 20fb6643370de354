using Tarang.Simulator.Control;

namespace Tarang.Simulator.Tests;

public sealed class ExchangeClockFollowerTests
{
    [Fact]
    public async Task Follower_TracksSimulatorClock()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Speed = 10 });
        using var http = new HttpClient();
        await using var follower = await ExchangeClockFollower.StartAsync(simulator.ControlUrl, http, pollInterval: TimeSpan.FromMilliseconds(100));

        await Task.Delay(500);
        var followed = follower.GetUtcNow();
        var actual = simulator.ExchangeClock.GetUtcNow();

        // At 10x a read that takes 100 ms of wall time puts the follower 1 s behind, so allow 5 s.
        Assert.InRange((actual - followed).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(1, follower.Epoch);
        Assert.Equal(10, follower.Speed);
        Assert.Null(follower.LastError);
    }

    [Fact]
    public async Task Follower_NeverRunsBackwardsWithinEpoch()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Speed = 600 });
        using var http = new HttpClient();
        await using var follower = await ExchangeClockFollower.StartAsync(simulator.ControlUrl, http, pollInterval: TimeSpan.FromMilliseconds(20));

        var previous = follower.GetUtcNow();
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (DateTime.UtcNow < deadline)
        {
            var now = follower.GetUtcNow();
            Assert.True(now >= previous, $"{now:O} is before {previous:O}");
            previous = now;
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task Follower_FailsToStartWithoutSimulator()
    {
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            ExchangeClockFollower.StartAsync(new Uri("http://127.0.0.1:9/control/"), http));
    }
}
