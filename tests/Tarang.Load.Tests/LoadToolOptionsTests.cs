namespace Tarang.Load.Tests;

public class LoadToolOptionsTests
{
    [Fact]
    public void LoadDefaults_MatchTheReferenceRun()
    {
        Assert.True(LoadToolOptions.TryParse(["load"], out var options, out _));

        Assert.Equal(RunKind.Load, options.Kind);
        Assert.Equal(900, options.FastClients);
        Assert.Equal(100, options.StalledClients);
        Assert.Equal(20, options.InstrumentsPerClient);
        Assert.Equal(2_000, options.TicksPerSecond);
        Assert.Equal(2_000, options.Universe);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Duration);
        Assert.Equal("quote", options.Mode);
    }

    [Fact]
    public void SoakDefaults_RunThirtyMinutesWithShortGrace()
    {
        Assert.True(LoadToolOptions.TryParse(["soak"], out var options, out _));

        Assert.Equal(RunKind.Soak, options.Kind);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Grace);
        Assert.Equal(TimeSpan.FromMinutes(20), options.FlatWindow);
    }

    [Fact]
    public void Options_OverrideDefaults()
    {
        Assert.True(LoadToolOptions.TryParse(["load", "--clients", "10", "--duration", "00:00:20", "--stalled-share", "0.5", "--mode", "full"], out var options, out _));

        Assert.Equal(5, options.FastClients);
        Assert.Equal(5, options.StalledClients);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Duration);
        Assert.Equal("full", options.Mode);
    }

    [Theory]
    [InlineData("--clients", "0")]
    [InlineData("--stalled-share", "1.5")]
    [InlineData("--duration", "ten minutes")]
    [InlineData("--mode", "depth")]
    public void BadValue_IsRejectedNamingTheOption(string name, string value)
    {
        Assert.False(LoadToolOptions.TryParse(["load", name, value], out _, out var error));

        Assert.Contains(name, error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }

    [Fact]
    public void SoakOption_IsRejectedInLoadMode()
    {
        Assert.False(LoadToolOptions.TryParse(["load", "--grace", "00:00:05"], out _, out var error));

        Assert.Contains("--grace", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMode_IsRejected()
    {
        Assert.False(LoadToolOptions.TryParse(["--clients", "10"], out _, out var error));

        Assert.Contains("'load' or 'soak'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FlatWindowLongerThanDuration_IsRejected()
    {
        Assert.False(LoadToolOptions.TryParse(["soak", "--duration", "00:10:00"], out _, out var error));

        Assert.Contains("--flat-window", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerSettings_AreKeptInOrder()
    {
        Assert.True(LoadToolOptions.TryParse(["load", "--server-setting", "Push:StalledClientTimeout=00:05:00", "--server-setting", "Logging:LogLevel:Tarang=Debug"], out var options, out _));

        Assert.Equal(["Push:StalledClientTimeout=00:05:00", "Logging:LogLevel:Tarang=Debug"], options.ServerSettings);
    }

    [Fact]
    public void ServerSettingWithoutValue_IsRejected()
    {
        Assert.False(LoadToolOptions.TryParse(["load", "--server-setting", "Push:StalledClientTimeout"], out _, out var error));

        Assert.Contains("--server-setting", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Soak_CollectsFullyByDefault()
    {
        Assert.True(LoadToolOptions.TryParse(["soak"], out var options, out _));

        Assert.True(options.FullCollections);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Settle);
    }

    [Fact]
    public void FullGcOff_IsRead()
    {
        Assert.True(LoadToolOptions.TryParse(["soak", "--full-gc", "off", "--settle", "00:00:00"], out var options, out _));

        Assert.False(options.FullCollections);
        Assert.Equal(TimeSpan.Zero, options.Settle);
    }

    [Theory]
    [InlineData("load", "--full-gc", "on")]
    [InlineData("soak", "--full-gc", "yes")]
    [InlineData("soak", "--settle", "-00:00:01")]
    public void FullGcOrSettle_BadValueRejected(string mode, string name, string value)
    {
        Assert.False(LoadToolOptions.TryParse([mode, name, value], out _, out var error));

        Assert.Contains(name, error, StringComparison.Ordinal);
    }
}
