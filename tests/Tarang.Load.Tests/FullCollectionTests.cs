namespace Tarang.Load.Tests;

/// <summary>The soak's full collection, run against this test process through its own diagnostics port.</summary>
public class FullCollectionTests
{
    private const int RetainedBytes = 64 * 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task LiveBytes_CountRetainedArray()
    {
        var collection = new FullCollection(Environment.ProcessId);
        var retained = new byte[RetainedBytes];
        Random.Shared.NextBytes(retained.AsSpan(0, 4096));

        var whileHeld = await collection.RunAsync(Patience, CancellationToken.None);
        GC.KeepAlive(retained);
        retained = null;
        var afterRelease = await collection.RunAsync(Patience, CancellationToken.None);

        Assert.NotNull(whileHeld);
        Assert.NotNull(afterRelease);
        Assert.InRange(whileHeld.HeapBytes, whileHeld.LiveBytes, long.MaxValue);
        Assert.InRange(afterRelease.HeapBytes, afterRelease.LiveBytes, long.MaxValue);

        // Other tests in this process allocate a little meanwhile, so the range allows 4 MiB either way.
        var difference = whileHeld.LiveBytes - afterRelease.LiveBytes;
        Assert.InRange(difference, RetainedBytes - (4 << 20), RetainedBytes + (4 << 20));
    }
}
