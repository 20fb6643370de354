using Microsoft.Extensions.Options;
using Tarang.Market.Diagnostics;

namespace Tarang.Server.Http;

/// <summary>
/// Logs requests that ended with a server error (5xx) or took longer than
/// <c>RequestLogging:SlowRequestThreshold</c>, so Production shows them without full request
/// logging. Each kind of warning is written at most once a minute, with the number held back.
/// Hub connections (<c>/hubs/…</c>) and WebSocket requests stay open by design and are not timed.
/// </summary>
internal sealed partial class RequestOutcomeLoggingMiddleware(
    RequestDelegate next,
    TimeProvider clock,
    IOptions<RequestLoggingOptions> options,
    ILogger<RequestOutcomeLoggingMiddleware> logger)
{
    private readonly RateLimitedWarning errorWarning = new(clock);
    private readonly RateLimitedWarning slowWarning = new(clock);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = clock.GetTimestamp();
        var failed = true;
        try
        {
            await next(context).ConfigureAwait(false);
            failed = false;
        }
        finally
        {
            Report(context, clock.GetElapsedTime(started), failed);
        }
    }

    private void Report(HttpContext context, TimeSpan elapsed, bool failed)
    {
        // A request the client aborted is not the server's error, whatever escaped from it.
        if (failed && context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var request = context.Request;
        var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            if (errorWarning.ShouldWrite(out var suppressed))
            {
                Log.ServerError(logger, request.Method, request.Path, status, elapsed.TotalMilliseconds, suppressed);
            }

            return;
        }

        var threshold = options.Value.SlowRequestThreshold;
        if (elapsed >= threshold
            && !context.WebSockets.IsWebSocketRequest
            && !request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && slowWarning.ShouldWrite(out var suppressedSlow))
        {
            Log.SlowRequest(logger, request.Method, request.Path, status, elapsed.TotalMilliseconds, threshold, suppressedSlow);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Warning, "{Method} {Path} ended with HTTP {StatusCode} after {ElapsedMilliseconds:F0} ms. {Suppressed} more server errors were not logged since the last such line (at most one a minute).")]
        public static partial void ServerError(ILogger logger, string method, PathString path, int statusCode, double elapsedMilliseconds, long suppressed);

        [LoggerMessage(3002, LogLevel.Warning, "{Method} {Path} took {ElapsedMilliseconds:F0} ms, over RequestLogging:SlowRequestThreshold ({Threshold}), and ended with HTTP {StatusCode}. {Suppressed} more slow requests were not logged since the last such line (at most one a minute).")]
        public static partial void SlowRequest(ILogger logger, string method, PathString path, int statusCode, double elapsedMilliseconds, TimeSpan threshold, long suppressed);
    }
}
