using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tarang.Server.Accounts;

/// <summary>
/// The per-account half of the login and registration limits. The per-address half runs in the
/// ASP.NET Core rate-limiting middleware; this one needs the email from the body, so handlers call it.
/// </summary>
/// <remarks>NOTE: System.Threading.RateLimiting windows follow the real clock, not the injected TimeProvider.</remarks>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public AccountRateLimiter(IOptions<AuthRateLimitOptions> options)
    {
        var settings = options.Value;
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PerAccountPermitLimit,
            Window = settings.PerAccountWindow,
            QueueLimit = 0,
        }));
    }

    /// <summary>Takes one attempt for <paramref name="action"/> on <paramref name="email"/>; returns the wait when none is left.</summary>
    public TimeSpan? TryAcquire(string action, string email)
    {
        using var lease = limiter.AttemptAcquire($"{action}:{email}");
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => limiter.Dispose();
}
