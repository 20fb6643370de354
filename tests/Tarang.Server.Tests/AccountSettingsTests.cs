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
    [InlineData("--RateLimits:MaxTrackedAddresses=0", "RateLimits:MaxTrackedAddresses")]
    [InlineData("--Accounts:MaxTrackedEmails=0", "Accounts:MaxTrackedEmails")]
    [InlineData("--Sessions:MaxCachedSessions=0", "Sessions:MaxCachedSessions")]
    [InlineData("--Sessions:MaxActivePerUser=0", "Sessions:MaxActivePerUser")]
    [InlineData("--Push:MaxReceiveMessageBytes=10", "MaxReceiveMessageBytes")]
    public async Task Start_FailsForInvalidSetting(string setting, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackServer.StartAsync(setting));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FailsForInvalidKestrelLimit()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoopbackServer.StartAsync("--Kestrel:Limits:MaxRequestBodySize=lots"));

        Assert.Contains("MaxRequestBodySize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FailsForPostgresWithoutConnectionString()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoopbackServer.StartAsync("--Database:Provider=Postgres"));

        Assert.Contains("Database:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
