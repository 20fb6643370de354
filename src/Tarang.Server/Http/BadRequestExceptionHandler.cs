using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Tarang.Server.Http;

/// <summary>
/// Turns a request body over Kestrel's size limit into a 413, and a request the framework could not bind (a query value that is not a number, a malformed
/// route value) into a 400 problem details naming the parameter, instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // The framework's message names the parameter and the value, for example:
        // Failed to bind parameter "Nullable<int> limit" from "abc".
        var detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? $"{badRequest.Message} Send a smaller body; the limit is the setting Kestrel:Limits:MaxRequestBodySize."
            : $"{badRequest.Message} Send a value of the parameter's type; /openapi/v1.json lists every parameter.";
        var problem = new ProblemDetails { Status = badRequest.StatusCode, Title = "Invalid request", Detail = detail };
        problem.Extensions["message"] = detail;

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
