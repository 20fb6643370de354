using System.Net;

namespace Tarang.Simulator.Tests;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public async Task Start_RejectsInvalidOptionsNamingEachSetting()
    {
        var options = new SimulatorOptions { Speed = 0, TicksPerMinute = 3, PongTimeout = TimeSpan.FromSeconds(5) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SimulatorServer.StartAsync(options));

        Assert.Contains("Simulator:Speed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Simulator:TicksPerMinute", error.Message, StringComparison.Ordinal);
        Assert.Contains("Simulator:PongTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RejectsNonLoopbackAddress()
    {
        var options = new SimulatorOptions { ListenAddress = IPAddress.Any };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SimulatorServer.StartAsync(options));

        Assert.Contains("Simulator:ListenAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RejectsStartDayWithoutRecording()
    {
        var options = new SimulatorOptions { StartDate = new DateOnly(2025, 10, 1) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SimulatorServer.StartAsync(options));

        Assert.Contains("2025-10-01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BindsLoopbackAndReturnsUrls()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions());

        Assert.Equal("127.0.0.1", simulator.BaseUrl.Host);
        Assert.NotEqual(0, simulator.BaseUrl.Port);
        Assert.Equal($"ws://127.0.0.1:{simulator.BaseUrl.Port}/", simulator.FeedUrl.ToString());
        Assert.Equal($"http://127.0.0.1:{simulator.BaseUrl.Port}/v2/", simulator.RestBaseUrl.ToString());
        Assert.Equal($"http://127.0.0.1:{simulator.BaseUrl.Port}/control/", simulator.ControlUrl.ToString());
    }
}
