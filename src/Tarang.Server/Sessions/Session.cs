namespace Tarang.Server.Sessions;

/// <summary>
/// A login session. The bearer token itself is never stored: <see cref="TokenHash"/> is its
/// SHA-256. A session ends by revocation (<see cref="RevokedAt"/> set) or at <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Session
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>SHA-256 of the token's UTF-8 bytes, 32 bytes.</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>All instants are UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Absolute expiry: creation plus <c>Sessions:AbsoluteLifetime</c>; activity never extends it.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>Last recorded activity, written at most once per <c>Sessions:ActivityWriteInterval</c> (default 1 minute), so it may lag by that much.</summary>
    public DateTime LastActivityAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public SessionEndReason? RevokedReason { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
