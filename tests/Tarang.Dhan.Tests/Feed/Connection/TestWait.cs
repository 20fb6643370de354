namespace Tarang.Dhan.Tests.Feed.Connection;

/// <summary>Polls for a condition with a generous real-time bound, for what crosses real sockets.</summary>
internal static class TestWait
{
    /// <summary>Long enough for loopback I/O on a loaded CI machine; a passing test waits milliseconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
