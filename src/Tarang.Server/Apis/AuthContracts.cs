using System.Text.Json.Serialization;
using Tarang.Server.Accounts;
using Tarang.Server.Sessions;

namespace Tarang.Server.Apis;

/// <summary>Body of <c>POST /api/auth/register</c>; field names are those of the system Tarang replaces.</summary>
public sealed record RegisterRequest(
    string? Email,
    string? Password,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record ChangePasswordRequest(
    [property: JsonPropertyName("current_password")] string? CurrentPassword,
    [property: JsonPropertyName("new_password")] string? NewPassword);

/// <summary>The public view of a user, in the legacy shape <c>{id, email, first_name, last_name, created_at}</c>.</summary>
public sealed record UserResponse(
    string Id,
    string Email,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static UserResponse From(User user) =>
        new(user.Id.ToString(), user.Email, user.FirstName, user.LastName, new DateTimeOffset(user.CreatedAt, TimeSpan.Zero));
}

public sealed record AuthResponse(string Token, UserResponse User);

public sealed record MessageResponse(string Message);

/// <summary>Reply of the heartbeat; <see cref="LastActivity"/> is the value before this request counted.</summary>
public sealed record HeartbeatResponse(bool Success, bool SessionActive, DateTimeOffset ExpiresAt, DateTimeOffset LastActivity);

/// <summary>One session as users and administrators see it; times are ISO-8601 UTC.</summary>
public sealed record SessionResponse(
    Guid Id,
    Guid UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset LastActivityAt,
    string? IpAddress,
    string? UserAgent,
    bool Current)
{
    public static SessionResponse From(Session session, Guid? currentSessionId) => new(
        session.Id,
        session.UserId,
        new DateTimeOffset(session.CreatedAt, TimeSpan.Zero),
        new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero),
        new DateTimeOffset(session.LastActivityAt, TimeSpan.Zero),
        session.IpAddress,
        session.UserAgent,
        session.Id == currentSessionId);
}

public sealed record RevokedResponse(int Revoked);
