using Tarang.Market.Diagnostics;

namespace Tarang.Server.Http;

/// <summary>
/// Logs requests the rate limiter rejected (HTTP 429), at most one line a minute with the number
/// held back, because a client that retries in a loop would otherwise fill the log.
/// </summary>
public sealed partial class RejectedRequestLog(TimeProvider clock, ILogger<RejectedRequestLog> logger)
{
    private readonly RateLimitedWarning warning = new(clock);

    public void Rejected(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (warning.ShouldWrite(out var suppressed))
        {
            Log.Rejected(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", suppressed);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3003, LogLevel.Warning, "The rate limiter rejected {Method} {Path} from {ClientAddress} with HTTP 429. {Suppressed} more rejections were not logged since the last such line (at most one a minute).")]
        public static partial void Rejected(ILogger logger, string method, PathString path, string clientAddress, long suppressed);
    }
}
