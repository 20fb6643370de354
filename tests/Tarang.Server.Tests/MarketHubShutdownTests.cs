using Tarang.Server.Push;

namespace Tarang.Server.Tests;

/// <summary>What hub clients see when the server stops.</summary>
public class MarketHubShutdownTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stop_SendsClosingReasonBeforeClose(bool bySignal)
    {
        await using var server = await LoopbackServer.StartAsync("--Simulator:StartDate=2025-12-24", "--Simulator:StartTime=10:00:00");
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "shutdown@example.com");
        await using var client = await HubClient.ConnectAsync(server.Address, token);
        await client.SubscribeAsync("quote", "IDX_I:13");

        // SIGTERM and Ctrl+C reach the host this way: the console lifetime signals ApplicationStopping,
        // on which SignalR closes every connection, and only then does the host run its stopping steps.
        // Hosts in tests and tools call StopAsync alone, so the stopping steps come first.
        if (bySignal)
        {
            server.App.Lifetime.StopApplication();
        }

        await server.App.StopAsync();

        await client.ClosedWith.Task.WaitAsync(FeedTestKit.Patience);
        var closing = Assert.Single(client.Closings);
        Assert.Equal(PushShutdown.Reason, closing.Reason);
    }
}
