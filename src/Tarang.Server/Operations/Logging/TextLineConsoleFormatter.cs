using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Tarang.Server.Http;

namespace Tarang.Server.Operations.Logging;

/// <summary>
/// Writes readable lines for a developer's terminal, <c>10:47:02.113 info Category[EventId] message</c>,
/// with the request id when a request scope carries one and the exception on the lines after.
/// Secrets are redacted as in the JSON lines.
/// </summary>
internal sealed class TextLineConsoleFormatter(TimeProvider timeProvider) : ConsoleFormatter(FormatterName)
{
    /// <summary>The name to select this formatter with (<c>Logging:Console:FormatterName</c>).</summary>
    public const string FormatterName = "tarang-text";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var requestId = FindRequestId(scopeProvider);
        var time = timeProvider.GetLocalNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var line = $"{time} {ShortLevel(logEntry.LogLevel)} {logEntry.Category}[{logEntry.EventId.Id}]"
            + (requestId is null ? "" : $" ({requestId})")
            + $" {LogRedaction.RedactText(message ?? "")}";
        textWriter.WriteLine(line);
        if (logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(LogRedaction.RedactText(exception.ToString()));
        }
    }

    private static string? FindRequestId(IExternalScopeProvider? scopeProvider)
    {
        string? requestId = null;
        scopeProvider?.ForEachScope(
            (scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        if (key == "RequestId" && value is not null)
                        {
                            requestId = value.ToString();
                        }
                    }
                }
            },
            (object?)null);
        return requestId;
    }

    private static string ShortLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
