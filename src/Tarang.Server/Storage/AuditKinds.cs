namespace Tarang.Server.Storage;

/// <summary>The values of <see cref="AuditEntry.Kind"/>.</summary>
public static class AuditKinds
{
    public const string Registered = "registered";
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string LoginLockedOut = "login-locked-out";
    public const string Logout = "logout";
    public const string LogoutEverywhere = "logout-everywhere";
    public const string PasswordChanged = "password-changed";
    public const string SessionRevoked = "session-revoked";
    public const string AdminRevokedSession = "admin-revoked-session";
    public const string AdminListedSessions = "admin-listed-sessions";
    public const string AdminGranted = "admin-granted";
    public const string AdminReplacedDhanCredentials = "admin-replaced-dhan-credentials";
}
