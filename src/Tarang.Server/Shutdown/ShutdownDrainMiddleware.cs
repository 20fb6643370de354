using System.Globalization;
using Microsoft.Net.Http.Headers;
using Tarang.Server.Apis;

namespace Tarang.Server.Shutdown;

/// <summary>
/// Keeps the list of requests in flight and, once the server is shutting down, responds to every
/// new request with 503, Retry-After and <c>Connection: close</c>. Requests that started before the
/// shutdown run to their end.
/// </summary>
internal sealed partial class ShutdownDrainMiddleware(RequestDelegate next, ShutdownCoordinator coordinator, ILogger<ShutdownDrainMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (coordinator.IsStopping)
        {
            await RejectAsync(context).ConfigureAwait(false);
            return;
        }

        var id = coordinator.Requests.Add(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            coordinator.Requests.Remove(id);
        }
    }

    private async Task RejectAsync(HttpContext context)
    {
        coordinator.CountRejected();
        var retryAfter = (int)Math.Ceiling(coordinator.Settings.ShutdownRetryAfter.TotalSeconds);
        LogRejected(context.Request.Method, context.Request.Path, retryAfter);

        context.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[HeaderNames.Connection] = "close";
        var detail = $"The server is shutting down and takes no new requests; retry after {retryAfter} seconds, when it or another instance serves again.";
        var problem = Problems.Details(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, field: null);
        await Results.Problem(problem).ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(5311, LogLevel.Debug, "Answered {Method} {Path} with 503 because the server is shutting down; Retry-After {RetryAfter} s.")]
    private partial void LogRejected(string method, PathString path, int retryAfter);
}
