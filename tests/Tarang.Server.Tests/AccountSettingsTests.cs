using Microsoft.Extensions.Options;

namespace Tarang.Server.Tests;

/// <summary>Bad account, session and database settings stop the start with a message naming the setting.</summary>
public class AccountSettingsTests
{
    [Theory]
    [InlineData("--Sessions:IdleTimeout=00:00:00", "Sessions:IdleTimeout")]
    [InlineData("--Sessions:ActivityWriteInterval=01:00:00", "Sessions:ActivityWriteInterval")]
    [InlineData("--Accounts:MinPasswordLength=4", "Accounts:MinPasswordLength")]
    [InlineData("--RateLimits:PerAccountPermitLimit=0", "RateLimits:PerAccountPermitLimit")]
    public async Task Start_FailsForInvalidSetting(string setting, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackServer.StartAsync(setting));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FailsForPostgresWithoutConnectionString()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoopbackServer.StartAsync("--Database:Provider=Postgres"));

        Assert.Contains("Database:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
