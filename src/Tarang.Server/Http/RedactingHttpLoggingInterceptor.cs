using Microsoft.AspNetCore.HttpLogging;

namespace Tarang.Server.Http;

/// <summary>
/// Keeps secrets out of request logs: the query string is logged only with secret parameters
/// redacted, and the Authorization, Cookie and Dhan <c>access-token</c> headers never appear.
/// </summary>
internal sealed class RedactingHttpLoggingInterceptor : IHttpLoggingInterceptor
{
    private static readonly string[] SecretHeaders = ["Authorization", "Cookie", "Set-Cookie", "access-token"];

    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        ArgumentNullException.ThrowIfNull(logContext);

        // The middleware's own query field would log values as sent, so it stays off.
        logContext.LoggingFields &= ~HttpLoggingFields.RequestQuery;
        if (logContext.HttpContext.Request.QueryString.HasValue)
        {
            logContext.AddParameter("QueryString", LogRedaction.RedactQuery(logContext.HttpContext.Request.QueryString));
        }

        RemoveSecretHeaders(logContext);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext)
    {
        ArgumentNullException.ThrowIfNull(logContext);
        RemoveSecretHeaders(logContext);
        return ValueTask.CompletedTask;
    }

    private static void RemoveSecretHeaders(HttpLoggingInterceptorContext logContext)
    {
        for (var i = logContext.Parameters.Count - 1; i >= 0; i--)
        {
            if (SecretHeaders.Contains(logContext.Parameters[i].Key, StringComparer.OrdinalIgnoreCase))
            {
                logContext.Parameters[i] = new KeyValuePair<string, object?>(logContext.Parameters[i].Key, LogRedaction.Redacted);
            }
        }
    }
}
