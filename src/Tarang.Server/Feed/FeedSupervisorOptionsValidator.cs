using Microsoft.Extensions.Options;

namespace Tarang.Server.Feed;

/// <summary>Checks the supervisor's <c>Feed</c> settings at start.</summary>
public sealed class FeedSupervisorOptionsValidator : IValidateOptions<FeedSupervisorOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedSupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.DisconnectGracePeriod < TimeSpan.Zero)
        {
            failures.Add($"Feed:DisconnectGracePeriod must be zero or positive, not {options.DisconnectGracePeriod}.");
        }

        if (options.ReconciliationInterval <= TimeSpan.Zero)
        {
            failures.Add($"Feed:ReconciliationInterval must be positive, not {options.ReconciliationInterval}.");
        }

        if (!Enum.IsDefined(options.DefaultUniverseMode))
        {
            failures.Add($"Feed:DefaultUniverseMode must be Ticker, Quote or Full, not {options.DefaultUniverseMode}.");
        }

        if (options.DefaultUniverse?.Any(string.IsNullOrWhiteSpace) == true)
        {
            failures.Add("Feed:DefaultUniverse has an empty entry; list trading symbols or keys such as IDX_I:13.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
