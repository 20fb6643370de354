using Microsoft.Extensions.Options;

namespace Tarang.Server.Sessions;

/// <summary>Checks at start that every session interval is positive and that the idle timeout fits in the lifetime.</summary>
internal sealed class SessionLifetimeOptionsValidator : IValidateOptions<SessionLifetimeOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionLifetimeOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(options.AbsoluteLifetime), options.AbsoluteLifetime);
        Check(failures, nameof(options.IdleTimeout), options.IdleTimeout);
        Check(failures, nameof(options.ActivityWriteInterval), options.ActivityWriteInterval);
        Check(failures, nameof(options.MonitorInterval), options.MonitorInterval);
        Check(failures, nameof(options.CleanupInterval), options.CleanupInterval);
        Check(failures, nameof(options.ExpiredRetention), options.ExpiredRetention);
        Check(failures, nameof(options.RevokedRetention), options.RevokedRetention);

        if (options.MaxCachedSessions < 1)
        {
            failures.Add($"Sessions:MaxCachedSessions is {options.MaxCachedSessions}; set it to 1 or more.");
        }

        if (options.MaxActivePerUser is < 1 or > 1_000)
        {
            failures.Add($"Sessions:MaxActivePerUser is {options.MaxActivePerUser}; set it between 1 and 1000.");
        }

        if (options.ActivityWriteInterval >= options.IdleTimeout)
        {
            failures.Add($"Sessions:ActivityWriteInterval ({options.ActivityWriteInterval}) must be shorter than Sessions:IdleTimeout ({options.IdleTimeout}); otherwise active sessions would look idle.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Sessions:{key} is {value}; set it to a positive TimeSpan such as 00:05:00.");
        }
    }
}
