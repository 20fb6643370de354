namespace Tarang.Server.Tests;

/// <summary>A wrong setting ends the server process with exit code 1 and one line naming the key.</summary>
public class StartupFailureTests
{
    [Theory]
    [InlineData("--Feed:MaxConnections=x", "'Feed:MaxConnections'")]
    [InlineData("--Sessions:IdleTimeout=abc", "'Sessions:IdleTimeout'")]
    [InlineData("--Market:Source=7", "Market:Source is '7'")]
    [InlineData("--Database:Provider=5", "Database:Provider is '5'")]
    [InlineData("--Logging:Console:FormatterName=fancy", "Logging:Console:FormatterName is 'fancy'")]
    [InlineData("--Simulator:ControlUrl=control", "Simulator:ControlUrl is 'control'")]
    public async Task Start_FailsWithOneLineNamingKey(string setting, string expected)
    {
        await using var server = await ServerProcess.RunToExitAsync(setting);

        Assert.Equal(1, server.ExitCode);
        var line = Assert.Single(server.Lines, l => l.StartsWith("Tarang did not start: ", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ReportsEveryFailedSection()
    {
        await using var server = await ServerProcess.RunToExitAsync("--Health:DatabaseTimeout=00:00:00", "--Metrics:Path=metrics");

        Assert.Equal(1, server.ExitCode);
        var line = Assert.Single(server.Lines, l => l.StartsWith("Tarang did not start: ", StringComparison.Ordinal));
        Assert.Contains("Health:DatabaseTimeout", line, StringComparison.Ordinal);
        Assert.Contains("Metrics:Path", line, StringComparison.Ordinal);
    }
}
