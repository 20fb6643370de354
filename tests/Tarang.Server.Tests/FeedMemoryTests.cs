using Microsoft.Extensions.DependencyInjection;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Services;
using Xunit.Abstractions;

namespace Tarang.Server.Tests;

/// <summary>Runs alone, because it measures the whole process's managed heap.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>Memory returns to its baseline after the feed stops for lack of demand.</summary>
[Collection(nameof(MemoryMeasurement))]
public class FeedMemoryTests(ITestOutputHelper output)
{
    private const int HeldInstruments = 4_000;

    // Generous, because the heap of a whole server with its simulator moves by about a megabyte on
    // its own. Holding 4,000 instruments in full mode retains about 5 MiB (server and simulator),
    // so keeping them after each of three cycles would exceed it threefold.
    private const long ToleranceBytes = 4 * 1024 * 1024;

    [Fact]
    public async Task Memory_ReturnsToBaselineAfterDemandEnds()
    {
        await using var server = await LoopbackServer.StartAsync(
            "--Feed:DefaultUniverse:0=IDX_I:13", "--Simulator:Speed=30", "--Feed:DisconnectGracePeriod=00:00:00.500");
        using var kit = new FeedTestKit(server);

        // One cycle first, so JIT, connection pools and caches of the first use are in the baseline.
        await RunDemandCycleAsync(server, kit, "warmup@example.com", 10);
        var baseline = MeasureHeap();

        for (var cycle = 0; cycle < 3; cycle++)
        {
            var peak = await RunDemandCycleAsync(server, kit, $"cycle{cycle}@example.com", HeldInstruments);
            output.WriteLine($"Cycle {cycle}: heap with {HeldInstruments} instruments held {peak / 1024} KiB");
        }

        var after = MeasureHeap();
        output.WriteLine($"Baseline {baseline / 1024} KiB, after demand ended {after / 1024} KiB");
        Assert.Equal(0, server.Services.GetRequiredService<LatestValues>().Count);
        Assert.True(after - baseline < ToleranceBytes, $"The heap grew from {baseline / 1024} KiB to {after / 1024} KiB after demand ended.");
    }

    /// <summary>Logs in, holds instruments in full mode until they are subscribed, logs out and waits for the feed to stop.</summary>
    private static async Task<long> RunDemandCycleAsync(LoopbackServer server, FeedTestKit kit, string email, int count)
    {
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, email);
        var catalog = server.Services.GetRequiredService<MarketReferenceData>().Catalog;
        var instruments = catalog.Instruments.Select(i => i.Key).Take(count).ToList();
        server.Services.GetRequiredService<MarketSubscriptions>().Hold(MarketHolder.ForSession(await kit.SessionOfAsync(userId)), instruments, FeedMode.Full);
        await FeedTestKit.EventuallyAsync(
            () => kit.Feed.GetStatus() is { Desired: > 0, Pending: 0, State: FeedState.Live }, "The held instruments were not subscribed");
        var peak = MeasureHeap();

        await kit.LogoutAsync(token);
        await FeedTestKit.EventuallyAsync(async () => await kit.ConnectionsAsync() == 0, "The feed stayed up after demand ended");
        await FeedTestKit.EventuallyAsync(() => kit.Feed.GetStatus().State == FeedState.Idle, "The feed did not return to Idle");
        return peak;
    }

    private static long MeasureHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
