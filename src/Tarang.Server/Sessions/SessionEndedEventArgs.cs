namespace Tarang.Server.Sessions;

/// <summary>A session ended; <see cref="EndedAt"/> is the revocation time or the absolute expiry, UTC.</summary>
public sealed class SessionEndedEventArgs(Guid sessionId, Guid userId, SessionEndReason reason, DateTimeOffset endedAt) : EventArgs
{
    public Guid SessionId { get; } = sessionId;

    public Guid UserId { get; } = userId;

    public SessionEndReason Reason { get; } = reason;

    public DateTimeOffset EndedAt { get; } = endedAt;
}
