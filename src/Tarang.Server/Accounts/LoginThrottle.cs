using Tarang.Market.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tarang.Server.Http;

namespace Tarang.Server.Accounts;

/// <summary>
/// Counts failed logins per normalised email and locks the email out after
/// <see cref="AccountOptions.MaxFailedLogins"/> failures within <see cref="AccountOptions.FailureWindow"/>.
/// Unknown emails are counted the same way, so a lockout does not reveal that an account exists.
/// </summary>
/// <remarks>
/// At most <see cref="AccountOptions.MaxTrackedEmails"/> emails are counted at once. Once the map
/// is full, emails whose window ended and that are not locked out are pruned. While it is still
/// full, failures of new emails are not counted, but the per-account rate limit still applies to them.
/// NOTE: the counts live in this process; a restart or a second instance starts from zero.
/// </remarks>
public sealed partial class LoginThrottle(TimeProvider timeProvider, IOptions<AccountOptions> options, ILogger<LoginThrottle> logger)
{
    // A full map is pruned at most this often, so a flood of new emails does not scan it per request.
    private static readonly TimeSpan MinPruneInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, FailureState> states = new(StringComparer.Ordinal);
    private readonly RateLimitedWarning mapFull = new(timeProvider);
    private readonly Lock pruneSync = new();
    private long? lastPrunedAt;

    /// <summary>Emails whose failures are counted now.</summary>
    public int TrackedCount => states.Count;

    /// <summary>Returns the time left on the lockout of <paramref name="email"/>, or null when it is not locked out.</summary>
    public TimeSpan? LockoutRemaining(string email)
    {
        if (!states.TryGetValue(email, out var state))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        lock (state)
        {
            return state.LockedUntil is { } until && until > now ? until - now : null;
        }
    }

    /// <summary>Counts a failed login; returns the lockout length when this failure started one.</summary>
    public TimeSpan? RecordFailure(string email)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        if (!states.TryGetValue(email, out var state))
        {
            if (states.Count >= settings.MaxTrackedEmails)
            {
                PruneAtMostEverySecond();
            }

            if (states.Count >= settings.MaxTrackedEmails)
            {
                if (mapFull.ShouldWrite(out var suppressed))
                {
                    Log.MapFull(logger, settings.MaxTrackedEmails, suppressed);
                }

                return null;
            }

            state = states.GetOrAdd(email, _ => new FailureState());
        }

        lock (state)
        {
            if (now - state.WindowStart > settings.FailureWindow)
            {
                state.WindowStart = now;
                state.Failures = 0;
            }

            state.Failures++;
            if (state.Failures < settings.MaxFailedLogins)
            {
                return null;
            }

            state.Failures = 0;
            state.LockedUntil = now + settings.LockoutDuration;
            return settings.LockoutDuration;
        }
    }

    public void Reset(string email) => states.TryRemove(email, out _);

    private void PruneAtMostEverySecond()
    {
        var timestamp = timeProvider.GetTimestamp();
        lock (pruneSync)
        {
            if (lastPrunedAt is { } last && timeProvider.GetElapsedTime(last, timestamp) < MinPruneInterval)
            {
                return;
            }

            lastPrunedAt = timestamp;
        }

        var now = timeProvider.GetUtcNow();
        foreach (var (email, state) in states)
        {
            lock (state)
            {
                if ((state.LockedUntil is null || state.LockedUntil <= now) && now - state.WindowStart > options.Value.FailureWindow)
                {
                    states.TryRemove(email, out _);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3103, LogLevel.Warning, "A failed login was not counted toward a lockout because {Max} emails are already counted (Accounts:MaxTrackedEmails); {Suppressed} more since the last warning.")]
        public static partial void MapFull(ILogger logger, int max, long suppressed);
    }

    private sealed class FailureState
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }
    }
}
