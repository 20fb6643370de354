namespace Tarang.Server.Sessions;

/// <summary>
/// The authenticated session of a request, set by the bearer handler as an HttpContext feature.
/// <see cref="PreviousActivityAt"/> is the last activity before this request counted.
/// </summary>
public sealed record SessionPrincipal(
    Guid SessionId,
    Guid UserId,
    string Email,
    bool IsAdmin,
    DateTimeOffset ExpiresAt,
    DateTimeOffset PreviousActivityAt);
