using Tarang.Market.Diagnostics;
using Microsoft.Extensions.Options;
using Tarang.Server.Http;

namespace Tarang.Server.Accounts;

/// <summary>
/// The per-account half of the login and registration limits. It needs the email from the body, so
/// handlers call it. At most <see cref="AuthRateLimitOptions.MaxTrackedAccounts"/> emails are
/// tracked at once; see <see cref="KeyedWindowLimiter"/> for what happens at that limit.
/// </summary>
public sealed partial class AccountRateLimiter(IOptions<AuthRateLimitOptions> options, TimeProvider timeProvider, ILogger<AccountRateLimiter> logger)
{
    private readonly KeyedWindowLimiter limiter = new(
        timeProvider, options.Value.PerAccountPermitLimit, options.Value.PerAccountWindow, options.Value.MaxTrackedAccounts);

    private readonly RateLimitedWarning tableFull = new(timeProvider);

    /// <summary>Emails tracked now, over both actions.</summary>
    public int TrackedCount => limiter.Count;

    /// <summary>Takes one attempt for <paramref name="action"/> on <paramref name="email"/>; returns the wait when none is left.</summary>
    public TimeSpan? TryAcquire(string action, string email)
    {
        var decision = limiter.TryAcquire($"{action}:{email}");
        if (decision.IsAcquired)
        {
            return null;
        }

        if (decision.TableFull && tableFull.ShouldWrite(out var suppressed))
        {
            Log.TableFull(logger, options.Value.MaxTrackedAccounts, suppressed);
        }

        return decision.RetryAfter;
    }

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Warning, "Rejected a login or registration because {Max} account emails are already rate-limited (RateLimits:MaxTrackedAccounts); {Suppressed} more rejections since the last warning.")]
        public static partial void TableFull(ILogger logger, int max, long suppressed);
    }
}
