using Microsoft.Extensions.Options;

namespace Tarang.Server.Accounts;

/// <summary>Checks the password policy, lockout and rate-limit settings at start.</summary>
internal sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>, IValidateOptions<AuthRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        var failures = new List<string>();
        if (options.MinPasswordLength < 8)
        {
            failures.Add($"Accounts:MinPasswordLength is {options.MinPasswordLength}; set it to 8 or more.");
        }

        if (options.MaxPasswordLength < options.MinPasswordLength || options.MaxPasswordLength > 1024)
        {
            failures.Add($"Accounts:MaxPasswordLength is {options.MaxPasswordLength}; set it between Accounts:MinPasswordLength and 1024.");
        }

        if (options.MaxFailedLogins < 1)
        {
            failures.Add($"Accounts:MaxFailedLogins is {options.MaxFailedLogins}; set it to 1 or more.");
        }

        if (options.AuditRetention <= TimeSpan.Zero)
        {
            failures.Add($"Accounts:AuditRetention is {options.AuditRetention}; set a positive TimeSpan such as 90.00:00:00.");
        }

        if (options.MaxTrackedEmails < 1)
        {
            failures.Add($"Accounts:MaxTrackedEmails is {options.MaxTrackedEmails}; set it to 1 or more.");
        }

        if (options.FailureWindow <= TimeSpan.Zero || options.LockoutDuration <= TimeSpan.Zero)
        {
            failures.Add("Accounts:FailureWindow and Accounts:LockoutDuration must be positive TimeSpan values such as 00:15:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, AuthRateLimitOptions options)
    {
        if (options.PerAddressPermitLimit < 1 || options.PerAccountPermitLimit < 1)
        {
            return ValidateOptionsResult.Fail("RateLimits:PerAddressPermitLimit and RateLimits:PerAccountPermitLimit must be 1 or more.");
        }

        if (options.MaxTrackedAddresses < 1 || options.MaxTrackedAccounts < 1)
        {
            return ValidateOptionsResult.Fail("RateLimits:MaxTrackedAddresses and RateLimits:MaxTrackedAccounts must be 1 or more.");
        }

        return options.PerAddressWindow <= TimeSpan.Zero || options.PerAccountWindow <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail("RateLimits:PerAddressWindow and RateLimits:PerAccountWindow must be positive TimeSpan values such as 00:01:00.")
            : ValidateOptionsResult.Success;
    }
}
