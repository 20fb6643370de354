namespace Tarang.Server.Sessions;

/// <summary>A session became active. Instants are UTC.</summary>
public sealed class SessionStartedEventArgs(Guid sessionId, Guid userId, DateTimeOffset startedAt, DateTimeOffset expiresAt) : EventArgs
{
    public Guid SessionId { get; } = sessionId;

    public Guid UserId { get; } = userId;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;
}
