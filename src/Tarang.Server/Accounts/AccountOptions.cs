namespace Tarang.Server.Accounts;

/// <summary>Password policy, login lockout and administrators (section <c>Accounts</c>); intervals are TimeSpan text.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>Minimum password length in characters.</summary>
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>Maximum password length in characters; it bounds the hashing work one request can ask for.</summary>
    public int MaxPasswordLength { get; set; } = 128;

    /// <summary>Emails that get the admin role at registration and at each start.</summary>
    public IList<string> AdminEmails { get; } = [];

    /// <summary>Failed logins within <see cref="FailureWindow"/> that lock an email out.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a lockout lasts; a correct password is rejected meanwhile.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Emails whose failed logins are counted at once (default 100,000). Past it, failures of
    /// emails not yet counted are not counted until older counts end.
    /// </summary>
    public int MaxTrackedEmails { get; set; } = 100_000;

    /// <summary>
    /// Audit entries are deleted this long after they were written (default 90 days), by the
    /// session cleanup job, so failed logins from a flood do not pile up in the database forever.
    /// </summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(90);
}
