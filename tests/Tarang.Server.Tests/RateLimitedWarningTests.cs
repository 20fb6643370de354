using Microsoft.Extensions.Time.Testing;
using Tarang.Market.Diagnostics;

namespace Tarang.Server.Tests;

public class RateLimitedWarningTests
{
    [Fact]
    public void ShouldWrite_CountsSuppressedUntilInterval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 6, 5, 17, 0, TimeSpan.Zero).AddSeconds(Random.Shared.Next(86_400)));
        var warning = new RateLimitedWarning(clock, TimeSpan.FromMinutes(1));

        Assert.True(warning.ShouldWrite(out var first));
        Assert.Equal(0, first);
        for (var i = 0; i < 3; i++)
        {
            Assert.False(warning.ShouldWrite(out _));
        }

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(warning.ShouldWrite(out _));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(warning.ShouldWrite(out var suppressed));
        Assert.Equal(4, suppressed);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(warning.ShouldWrite(out var none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void Constructor_RejectsZeroInterval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitedWarning(TimeProvider.System, TimeSpan.Zero));
    }
}
