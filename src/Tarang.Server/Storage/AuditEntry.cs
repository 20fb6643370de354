namespace Tarang.Server.Storage;

/// <summary>One audit record: what happened, to whom, by whom, when and from which client address.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    /// <summary>One of the <see cref="AuditKinds"/> names.</summary>
    public required string Kind { get; set; }

    /// <summary>The account concerned; null for a failed login with an unknown email.</summary>
    public Guid? UserId { get; set; }

    /// <summary>Who acted when it is not the account itself (an administrator).</summary>
    public Guid? ActorUserId { get; set; }

    public Guid? SessionId { get; set; }

    public string? IpAddress { get; set; }

    /// <summary>Free text without secrets, for example the normalised email of a failed login.</summary>
    public string? Detail { get; set; }
}
