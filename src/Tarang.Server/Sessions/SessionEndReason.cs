namespace Tarang.Server.Sessions;

/// <summary>Why a session ended. Stored as text, so values may be added but not renamed.</summary>
public enum SessionEndReason
{
    /// <summary>The user logged out of this session.</summary>
    Logout,

    /// <summary>The user logged out everywhere, or changed the password, which ends the other sessions.</summary>
    LogoutEverywhere,

    /// <summary>No activity for <c>Sessions:IdleTimeout</c>.</summary>
    Inactivity,

    /// <summary>The absolute lifetime ran out. Such sessions are not revoked; this reason appears only in events.</summary>
    Expired,

    /// <summary>An administrator revoked the session.</summary>
    Admin,

    /// <summary>The password was changed from another session.</summary>
    PasswordChanged,

    /// <summary>A new login passed <c>Sessions:MaxActivePerUser</c>, which ends the least recently active session.</summary>
    SessionLimit,
}
