using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tarang.Server.Accounts;

/// <summary>
/// Counts failed logins per normalised email and locks the email out after
/// <see cref="AccountOptions.MaxFailedLogins"/> failures within <see cref="AccountOptions.FailureWindow"/>.
/// Unknown emails are counted the same way, so a lockout does not reveal that an account exists.
/// </summary>
/// <remarks>NOTE: the counts live in this process; a restart or a second instance starts from zero.</remarks>
public sealed class LoginThrottle(TimeProvider timeProvider, IOptions<AccountOptions> options)
{
    // Entries are pruned when the map grows past this, so random emails cannot grow it without bound.
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, FailureState> states = new(StringComparer.Ordinal);

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
        if (states.Count > PruneThreshold)
        {
            Prune();
        }

        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        var state = states.GetOrAdd(email, _ => new FailureState());
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

    private void Prune()
    {
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

    private sealed class FailureState
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }
    }
}
