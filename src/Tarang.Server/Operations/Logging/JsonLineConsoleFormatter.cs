using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Tarang.Server.Http;

namespace Tarang.Server.Operations.Logging;

/// <summary>
/// Writes each log entry as one JSON object on one line: <c>timestamp</c> (UTC, ISO-8601),
/// <c>level</c>, <c>category</c>, <c>eventId</c>, <c>eventName</c>, <c>message</c>,
/// <c>properties</c> (the structured values of the message template), <c>traceId</c>,
/// <c>spanId</c>, <c>requestId</c> and <c>connectionId</c> when a scope carries them, the other
/// scope values under <c>scope</c>, and <c>exception</c>. Secrets are redacted from every text value.
/// </summary>
internal sealed class JsonLineConsoleFormatter(TimeProvider timeProvider) : ConsoleFormatter(FormatterName)
{
    /// <summary>The name to select this formatter with (<c>Logging:Console:FormatterName</c>).</summary>
    public const string FormatterName = "tarang-json";

    private const string OriginalFormat = "{OriginalFormat}";

    // Scope values lifted to the top level, because operators filter on them.
    private static readonly string[] TopLevelScopeKeys = ["TraceId", "SpanId", "ParentId", "RequestId", "ConnectionId"];

    // Log lines are not HTML, so '+' and quotes in messages stay readable instead of \u002B escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("level", logEntry.LogLevel.ToString());
            writer.WriteString("category", logEntry.Category);
            writer.WriteNumber("eventId", logEntry.EventId.Id);
            if (logEntry.EventId.Name is { Length: > 0 } eventName)
            {
                writer.WriteString("eventName", eventName);
            }

            writer.WriteString("message", LogRedaction.RedactText(message ?? ""));
            WriteProperties(writer, logEntry.State);
            WriteScopes(writer, scopeProvider);
            if (logEntry.Exception is { } exception)
            {
                writer.WriteString("exception", LogRedaction.RedactText(exception.ToString()));
            }

            writer.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteProperties<TState>(Utf8JsonWriter writer, TState state)
    {
        writer.WriteStartObject("properties");
        if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            foreach (var (key, value) in properties)
            {
                if (key != OriginalFormat)
                {
                    WriteValue(writer, key, value);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteScopes(Utf8JsonWriter writer, IExternalScopeProvider? scopeProvider)
    {
        if (scopeProvider is null)
        {
            return;
        }

        // Later scopes overwrite earlier values of the same name, so the innermost one wins.
        var topLevel = new Dictionary<string, object?>(StringComparer.Ordinal);
        var others = new Dictionary<string, object?>(StringComparer.Ordinal);
        var messages = new List<string>();
        scopeProvider.ForEachScope(
            (scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        if (key == OriginalFormat)
                        {
                            continue;
                        }

                        (TopLevelScopeKeys.Contains(key) ? topLevel : others)[key] = value;
                    }
                }
                else if (scope is not null)
                {
                    messages.Add(scope.ToString() ?? "");
                }
            },
            (object?)null);

        foreach (var key in TopLevelScopeKeys)
        {
            if (topLevel.TryGetValue(key, out var value))
            {
                WriteValue(writer, char.ToLowerInvariant(key[0]) + key[1..], value);
            }
        }

        if (others.Count > 0 || messages.Count > 0)
        {
            writer.WriteStartObject("scope");
            foreach (var (key, value) in others)
            {
                WriteValue(writer, key, value);
            }

            if (messages.Count > 0)
            {
                writer.WriteStartArray("messages");
                foreach (var text in messages)
                {
                    writer.WriteStringValue(LogRedaction.RedactText(text));
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        if (LogRedaction.IsSecretPropertyName(key) && value is not null)
        {
            writer.WriteString(key, LogRedaction.Redacted);
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNull(key);
                break;
            case bool flag:
                writer.WriteBoolean(key, flag);
                break;
            case ulong number:
                writer.WriteNumber(key, number);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case decimal number:
                writer.WriteNumber(key, number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumber(key, number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumber(key, number);
                break;
            case DateTimeOffset instant:
                writer.WriteString(key, instant);
                break;
            case DateTime instant:
                writer.WriteString(key, instant);
                break;
            default:
                writer.WriteString(key, LogRedaction.RedactText(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }
}
