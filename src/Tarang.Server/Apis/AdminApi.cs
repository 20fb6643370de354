using Microsoft.AspNetCore.Http.HttpResults;
using Tarang.Dhan.Credentials;
using Tarang.Server.Accounts;
using Tarang.Server.Feed;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Apis;

/// <summary>
/// <c>/api/admin</c>, for users with the admin role: list and revoke any user's sessions, read the
/// audit log, replace the house Dhan credentials and see the feed supervisor's state.
/// </summary>
public static class AdminApi
{
    public const string AdminPolicy = "admin";

    private const int MaxAuditEntries = 500;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin").RequireAuthorization(AdminPolicy);
        group.MapGet("/sessions", ListSessions).WithSummary("Lists active sessions, of all users or of the user given by ?userId=.");
        group.MapDelete("/sessions/{sessionId:guid}", RevokeSession).WithSummary("Revokes any user's session.");
        group.MapPost("/users/{userId:guid}/revoke-sessions", RevokeUserSessions).WithSummary("Revokes every session of a user.");
        group.MapPut("/dhan-credentials", ReplaceDhanCredentials)
            .WithSummary("Replaces the house Dhan client id and access token; a feed halted on an expired or rejected token resumes at once.");
        group.MapGet("/feed", GetFeedStatus)
            .WithSummary("Shows the feed supervisor: active sessions, feed state, subscriptions with their holders' count and the last disconnect.");
        group.MapGet("/audit", ListAudit).WithSummary("Lists the newest audit entries, optionally of one user (?userId=) and at most ?limit= (default 100).");
        return routes;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReplaceDhanCredentials(
        HttpContext context, DhanCredentialsRequest? request, HouseCredentialStore credentials, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request?.ClientId))
        {
            return Problems.BadRequest("clientId", "The field 'clientId' is missing; send the house account's Dhan client id.");
        }

        if (string.IsNullOrWhiteSpace(request.AccessToken))
        {
            return Problems.BadRequest("accessToken", "The field 'accessToken' is missing; send the house account's new Dhan access token.");
        }

        var admin = AuthApi.CurrentSession(context);
        credentials.ReplaceCredentials(new DhanCredentials(request.ClientId.Trim(), request.AccessToken.Trim()), $"admin user {admin.UserId}");

        // The audit entry names the client id only; the token never leaves the credential store.
        await audit.WriteAsync(
            AuditKinds.AdminReplacedDhanCredentials, admin.UserId, AuthApi.ClientAddress(context), context.RequestAborted,
            actorUserId: admin.UserId, detail: $"client id {request.ClientId.Trim()}");
        return TypedResults.NoContent();
    }

    private static Ok<FeedStatusResponse> GetFeedStatus(FeedSupervisor supervisor) => TypedResults.Ok(FeedStatusResponse.From(supervisor.GetStatus()));

    private static async Task<Ok<SessionResponse[]>> ListSessions(HttpContext context, SessionManager sessions, AuditLog audit, Guid? userId)
    {
        var admin = AuthApi.CurrentSession(context);
        var active = await sessions.ListActiveAsync(userId, context.RequestAborted);
        await audit.WriteAsync(AuditKinds.AdminListedSessions, userId, AuthApi.ClientAddress(context), context.RequestAborted, actorUserId: admin.UserId);
        return TypedResults.Ok(active.Select(s => SessionResponse.From(s, admin.SessionId)).ToArray());
    }

    private static async Task<Results<Ok<RevokedResponse>, ProblemHttpResult>> RevokeSession(
        HttpContext context, Guid sessionId, SessionManager sessions, AuditLog audit)
    {
        var admin = AuthApi.CurrentSession(context);
        var target = await sessions.FindActiveAsync(sessionId, context.RequestAborted);
        if (target is null || !await sessions.RevokeAsync(sessionId, SessionEndReason.Admin, context.RequestAborted))
        {
            return Problems.NotFound($"No active session has id {sessionId}; list them with GET /api/admin/sessions.");
        }

        await audit.WriteAsync(AuditKinds.AdminRevokedSession, target.UserId, AuthApi.ClientAddress(context), context.RequestAborted, sessionId, admin.UserId);
        return TypedResults.Ok(new RevokedResponse(1));
    }

    private static async Task<Ok<RevokedResponse>> RevokeUserSessions(HttpContext context, Guid userId, SessionManager sessions, AuditLog audit)
    {
        var admin = AuthApi.CurrentSession(context);
        var revoked = await sessions.RevokeAllAsync(userId, SessionEndReason.Admin, keepSessionId: null, context.RequestAborted);
        await audit.WriteAsync(AuditKinds.AdminRevokedSession, userId, AuthApi.ClientAddress(context), context.RequestAborted, actorUserId: admin.UserId, detail: $"{revoked} sessions ended");
        return TypedResults.Ok(new RevokedResponse(revoked));
    }

    private static async Task<Results<Ok<AuditEntry[]>, ProblemHttpResult>> ListAudit(HttpContext context, AuditLog audit, Guid? userId, int? limit)
    {
        if (limit is < 1 or > MaxAuditEntries)
        {
            return Problems.BadRequest("limit", $"limit is {limit}; send a number from 1 to {MaxAuditEntries}.");
        }

        var entries = await audit.ListAsync(userId, limit ?? 100, context.RequestAborted);
        return TypedResults.Ok(entries.ToArray());
    }
}
