using Tarang.Market.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Tarang.Server.Http;

namespace Tarang.Server.Accounts;

/// <summary>
/// The per-client half of the login and registration limits, keyed by the action and the client's
/// network (<see cref="ClientNetwork.Of"/>). The client address is the forwarded one only from
/// the proxies in <c>Proxies:KnownProxies</c>. At most
/// <see cref="AuthRateLimitOptions.MaxTrackedAddresses"/> clients are tracked at once.
/// </summary>
public sealed partial class ClientAddressRateLimiter(IOptions<AuthRateLimitOptions> options, TimeProvider timeProvider, ILogger<ClientAddressRateLimiter> logger)
{
    private readonly KeyedWindowLimiter limiter = new(
        timeProvider, options.Value.PerAddressPermitLimit, options.Value.PerAddressWindow, options.Value.MaxTrackedAddresses);

    private readonly RateLimitedWarning tableFull = new(timeProvider);

    /// <summary>Client networks tracked now, over both actions.</summary>
    public int TrackedCount => limiter.Count;

    /// <summary>Takes one attempt for <paramref name="action"/> from <paramref name="address"/>; returns the wait when none is left.</summary>
    public TimeSpan? TryAcquire(string action, IPAddress? address)
    {
        var decision = limiter.TryAcquire($"{action}:{ClientNetwork.Of(address)}");
        if (decision.IsAcquired)
        {
            return null;
        }

        if (decision.TableFull && tableFull.ShouldWrite(out var suppressed))
        {
            Log.TableFull(logger, options.Value.MaxTrackedAddresses, suppressed);
        }

        return decision.RetryAfter;
    }

    private static partial class Log
    {
        [LoggerMessage(3102, LogLevel.Warning, "Rejected a login or registration because {Max} client addresses are already rate-limited (RateLimits:MaxTrackedAddresses); {Suppressed} more rejections since the last warning.")]
        public static partial void TableFull(ILogger logger, int max, long suppressed);
    }
}
