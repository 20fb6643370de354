using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Tarang.Server.Apis;

/// <summary>
/// Builds the ProblemDetails error replies: <c>detail</c> names the field and the fix, and
/// <c>message</c> repeats it for clients of the system Tarang replaces, which read that field.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string field, string detail) =>
        Create(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail, field: null);

    public static ProblemHttpResult Unauthorized(string detail, string? field = null) =>
        Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail, field);

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, "Forbidden", detail, field: null);

    public static ProblemHttpResult Conflict(string field, string detail) =>
        Create(StatusCodes.Status409Conflict, "Conflict", detail, field);

    public static ProblemHttpResult TooManyRequests(string detail) =>
        Create(StatusCodes.Status429TooManyRequests, "Too many requests", detail, field: null);

    public static ProblemDetails Details(int status, string title, string detail, string? field)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["message"] = detail;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    private static ProblemHttpResult Create(int status, string title, string detail, string? field) =>
        TypedResults.Problem(Details(status, title, detail, field));
}
