using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tarang.Server.Apis;

namespace Tarang.Server.Sessions;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;session token&gt;</c> against <see cref="SessionManager"/>
/// and responds to challenges and denials with ProblemDetails that name what was wrong with the token.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SessionManager sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Session";

    public const string AdminRole = "admin";

    public const string SessionIdClaim = "sid";

    /// <summary>The path under which the push hubs are mapped.</summary>
    public const string HubPathPrefix = "/hubs";

    /// <summary>The query parameter SignalR clients put the bearer token in for WebSockets.</summary>
    public const string AccessTokenParameter = "access_token";

    private const string BearerPrefix = "Bearer ";

    private SessionCheck? failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(out var malformed);
        if (malformed)
        {
            failure = SessionCheck.Malformed;
            return AuthenticateResult.Fail("The Authorization header is not a bearer token.");
        }

        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var (check, principal) = await sessions.AuthenticateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            failure = check;
            return AuthenticateResult.Fail($"The session token is {check}.");
        }

        Context.Features.Set(principal);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, principal.UserId.ToString()),
            new(ClaimTypes.Email, principal.Email),
            new(SessionIdClaim, principal.SessionId.ToString()),
        ];
        if (principal.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// Reads the token from the Authorization header, or, on the push hubs only, from the
    /// <c>access_token</c> query parameter, where browsers' WebSocket and server-sent-event
    /// clients must put it (DECISIONS, push authentication).
    /// </summary>
    private string? ReadToken(out bool malformed)
    {
        malformed = false;
        string? header = Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(header))
        {
            malformed = !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);
            return malformed ? null : header[BearerPrefix.Length..].Trim();
        }

        if (Request.Path.StartsWithSegments(HubPathPrefix, StringComparison.OrdinalIgnoreCase)
            && Request.Query.TryGetValue(AccessTokenParameter, out var query) && !string.IsNullOrEmpty(query))
        {
            return query.ToString();
        }

        return null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = failure switch
        {
            null => "The Authorization header is missing; send 'Authorization: Bearer <token>' with the token from /api/auth/login.",
            SessionCheck.Malformed => "The Authorization header is not a valid bearer token; send 'Authorization: Bearer <token>' with the token from /api/auth/login.",
            SessionCheck.Expired => "The session has expired; log in again.",
            SessionCheck.Revoked => "The session has ended (logged out, revoked or idle too long); log in again.",
            _ => "The session token is not valid; log in again.",
        };

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Results.Problem(Problems.Details(StatusCodes.Status401Unauthorized, "Unauthorized", detail, "Authorization"))
            .ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(Problems.Details(StatusCodes.Status403Forbidden, "Forbidden", "This route needs the admin role; ask an administrator to grant it.", field: null))
            .ExecuteAsync(Context).ConfigureAwait(false);
    }
}
