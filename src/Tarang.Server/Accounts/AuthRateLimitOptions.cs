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
}
