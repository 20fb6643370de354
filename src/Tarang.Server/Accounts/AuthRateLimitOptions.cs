namespace Tarang.Server.Accounts;

/// <summary>
/// Fixed-window limits on login and registration attempts (section <c>RateLimits</c>), one window
/// per client address and one per account email, each for login and registration separately.
/// </summary>
public sealed class AuthRateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int PerAddressPermitLimit { get; set; } = 20;

    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int PerAccountPermitLimit { get; set; } = 10;

    public TimeSpan PerAccountWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Client networks (an IPv4 address or an IPv6 /64) tracked at once, per action counted
    /// separately. At the limit, an attempt from a new client is rejected with 429 until the
    /// oldest window ends.
    /// </summary>
    public int MaxTrackedAddresses { get; set; } = DefaultMaxTrackedKeys;

    /// <summary>Account emails tracked at once; at the limit, an attempt on a new email is rejected with 429 until the oldest window ends.</summary>
    public int MaxTrackedAccounts { get; set; } = DefaultMaxTrackedKeys;

    /// <summary>Default of <see cref="MaxTrackedAddresses"/> and <see cref="MaxTrackedAccounts"/>: 100,000, a few megabytes of records.</summary>
    public const int DefaultMaxTrackedKeys = 100_000;
}
