using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tarang.Server.Accounts;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Apis;

/// <summary>
/// <c>/api/auth</c>: register, log in, log out, the current user and the heartbeat in the legacy
/// paths and shapes, plus log out everywhere, the user's sessions and password change.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth");

        // Replies carry session tokens and account data, which no cache may keep.
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });

        group.MapPost("/register", Register).AllowAnonymous().LimitPerClientAddress("register")
            .WithSummary("Creates an account and a session; returns 201 with the bearer token and the user.");
        group.MapPost("/login", Login).AllowAnonymous().LimitPerClientAddress("login")
            .WithSummary("Starts a session; returns the bearer token and the user.");

        var authenticated = group.MapGroup("").RequireAuthorization();
        authenticated.MapPost("/logout", Logout).WithSummary("Ends this session.");
        authenticated.MapGet("/me", Me).WithSummary("Returns the current user.");
        authenticated.MapPost("/heartbeat", Heartbeat).WithSummary("Counts as activity while the user is present; returns the session's expiry and previous activity.");
        authenticated.MapPost("/logout-all", LogoutEverywhere).WithSummary("Ends every session of the current user, this one included.");
        authenticated.MapGet("/sessions", ListSessions).WithSummary("Lists the current user's active sessions.");
        authenticated.MapPost("/change-password", ChangePassword).WithSummary("Replaces the password and ends the user's other sessions.");
        return routes;
    }

    /// <summary>
    /// Rejects the request with 429 when its client address has used up its attempts for
    /// <paramref name="action"/>. The action is fixed per route, so spellings of the path that
    /// routing treats as the same (upper case, a trailing slash) share one limit.
    /// </summary>
    private static RouteHandlerBuilder LimitPerClientAddress(this RouteHandlerBuilder route, string action) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limiter = http.RequestServices.GetRequiredService<ClientAddressRateLimiter>();
            if (limiter.TryAcquire(action, http.Connection.RemoteIpAddress) is { } wait)
            {
                return TooManyRequests(http, wait, "Too many attempts from this client address.");
            }

            return await next(context);
        });

    internal static string? ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    internal static SessionPrincipal CurrentSession(HttpContext context) =>
        context.Features.Get<SessionPrincipal>() ?? throw new InvalidOperationException("The route requires authorization but no session was authenticated.");

    internal static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.TooManyRequests($"{detail} Try again in {seconds} seconds.");
    }

    private static async Task<Results<Created<AuthResponse>, ProblemHttpResult>> Register(
        HttpContext context, AccountService accounts, SessionManager sessions, AccountRateLimiter limiter, AuditLog audit, IOptions<AccountOptions> options)
    {
        var (body, problem) = await RequestBodies.ReadAsync<RegisterRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var email = EmailAddress.Normalize(body!.Email ?? "");
        if (!EmailAddress.IsValid(email))
        {
            return Problems.BadRequest("email", "email is missing or not a valid address; send an address such as 'name@example.com'.");
        }

        var firstName = body.FirstName?.Trim() ?? "";
        var lastName = body.LastName?.Trim() ?? "";
        if (firstName.Length is 0 or > UserRules.MaxNameLength)
        {
            return Problems.BadRequest("first_name", $"first_name is missing or longer than {UserRules.MaxNameLength} characters; send the user's first name.");
        }

        if (lastName.Length is 0 or > UserRules.MaxNameLength)
        {
            return Problems.BadRequest("last_name", $"last_name is missing or longer than {UserRules.MaxNameLength} characters; send the user's last name.");
        }

        if (PasswordPolicy.Check("password", body.Password, email, options.Value) is { } weak)
        {
            return weak;
        }

        if (limiter.TryAcquire("register", email) is { } wait)
        {
            return TooManyRequests(context, wait, "Too many registration attempts for this email.");
        }

        var user = await accounts.RegisterAsync(email, body.Password!, firstName, lastName, context.RequestAborted);
        if (user is null)
        {
            return Problems.Conflict("email", "An account with this email already exists; log in, or register with another email.");
        }

        var ip = ClientAddress(context);
        var (token, session) = await sessions.CreateAsync(user.Id, ip, context.Request.Headers.UserAgent, context.RequestAborted);
        await audit.WriteAsync(AuditKinds.Registered, user.Id, ip, context.RequestAborted, session.Id);
        return TypedResults.Created("/api/auth/me", new AuthResponse(token, UserResponse.From(user)));
    }

    private static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Login(
        HttpContext context, AccountService accounts, SessionManager sessions, AccountRateLimiter limiter, LoginThrottle throttle, AuditLog audit)
    {
        var (body, problem) = await RequestBodies.ReadAsync<LoginRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var email = EmailAddress.Normalize(body!.Email ?? "");
        if (!EmailAddress.IsValid(email))
        {
            return Problems.BadRequest("email", "email is missing or not a valid address; send the address the account was registered with.");
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            return Problems.BadRequest("password", "password is missing; send the account's password.");
        }

        if (limiter.TryAcquire("login", email) is { } wait)
        {
            return TooManyRequests(context, wait, "Too many login attempts for this email.");
        }

        var ip = ClientAddress(context);
        if (throttle.LockoutRemaining(email) is { } remaining)
        {
            await audit.WriteAsync(AuditKinds.LoginLockedOut, null, ip, context.RequestAborted, detail: email);
            return TooManyRequests(context, remaining, "This email is locked out after repeated failed logins.");
        }

        var user = await accounts.VerifyAsync(email, body.Password, context.RequestAborted);
        if (user is null)
        {
            throttle.RecordFailure(email);
            await audit.WriteAsync(AuditKinds.LoginFailed, null, ip, context.RequestAborted, detail: email);

            // The same reply whether or not the email exists.
            return Problems.Unauthorized("Invalid credentials: the email or password is wrong.");
        }

        throttle.Reset(email);
        var (token, session) = await sessions.CreateAsync(user.Id, ip, context.Request.Headers.UserAgent, context.RequestAborted);
        await audit.WriteAsync(AuditKinds.Login, user.Id, ip, context.RequestAborted, session.Id);
        return TypedResults.Ok(new AuthResponse(token, UserResponse.From(user)));
    }

    private static async Task<Ok<MessageResponse>> Logout(HttpContext context, SessionManager sessions, AuditLog audit)
    {
        var current = CurrentSession(context);
        await sessions.RevokeAsync(current.SessionId, SessionEndReason.Logout, context.RequestAborted);
        await audit.WriteAsync(AuditKinds.Logout, current.UserId, ClientAddress(context), context.RequestAborted, current.SessionId);
        return TypedResults.Ok(new MessageResponse("Logged out successfully"));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(HttpContext context, AccountService accounts)
    {
        var user = await accounts.FindAsync(CurrentSession(context).UserId, context.RequestAborted);
        return user is null ? Problems.NotFound("User not found.") : TypedResults.Ok(UserResponse.From(user));
    }

    private static Ok<HeartbeatResponse> Heartbeat(HttpContext context)
    {
        var current = CurrentSession(context);
        return TypedResults.Ok(new HeartbeatResponse(true, true, current.ExpiresAt, current.PreviousActivityAt));
    }

    private static async Task<Ok<RevokedResponse>> LogoutEverywhere(HttpContext context, SessionManager sessions, AuditLog audit)
    {
        var current = CurrentSession(context);
        var revoked = await sessions.RevokeAllAsync(current.UserId, SessionEndReason.LogoutEverywhere, keepSessionId: null, context.RequestAborted);
        await audit.WriteAsync(AuditKinds.LogoutEverywhere, current.UserId, ClientAddress(context), context.RequestAborted, current.SessionId, detail: $"{revoked} sessions ended");
        return TypedResults.Ok(new RevokedResponse(revoked));
    }

    private static async Task<Ok<SessionResponse[]>> ListSessions(HttpContext context, SessionManager sessions)
    {
        var current = CurrentSession(context);
        var active = await sessions.ListActiveAsync(current.UserId, context.RequestAborted);
        return TypedResults.Ok(active.Select(s => SessionResponse.From(s, current.SessionId)).ToArray());
    }

    private static async Task<Results<Ok<RevokedResponse>, ProblemHttpResult>> ChangePassword(
        HttpContext context, AccountService accounts, SessionManager sessions, AuditLog audit, IOptions<AccountOptions> options)
    {
        var (body, problem) = await RequestBodies.ReadAsync<ChangePasswordRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(body!.CurrentPassword))
        {
            return Problems.BadRequest("current_password", "current_password is missing; send the password in use now.");
        }

        var current = CurrentSession(context);
        if (PasswordPolicy.Check("new_password", body.NewPassword, current.Email, options.Value) is { } weak)
        {
            return weak;
        }

        if (!await accounts.ChangePasswordAsync(current.UserId, body.CurrentPassword, body.NewPassword!, context.RequestAborted))
        {
            return Problems.BadRequest("current_password", "current_password is wrong; send the password in use now.");
        }

        var revoked = await sessions.RevokeAllAsync(current.UserId, SessionEndReason.PasswordChanged, keepSessionId: current.SessionId, context.RequestAborted);
        await audit.WriteAsync(AuditKinds.PasswordChanged, current.UserId, ClientAddress(context), context.RequestAborted, current.SessionId, detail: $"{revoked} other sessions ended");
        return TypedResults.Ok(new RevokedResponse(revoked));
    }
}
