using Microsoft.Extensions.Logging.Console;
using Tarang.Server.Operations.Logging;

namespace Tarang.Server.Extensions;

/// <summary>Sets up the server's only log output: console lines, JSON or readable, with secrets redacted.</summary>
public static class LoggingServiceCollectionExtensions
{
    /// <summary>The setting that picks the console formatter; unset, it follows the environment.</summary>
    public const string FormatterNameKey = "Logging:Console:FormatterName";

    private static readonly string[] KnownFormatters = [JsonLineConsoleFormatter.FormatterName, TextLineConsoleFormatter.FormatterName];

    /// <summary>
    /// Replaces the default providers with one console provider. Production and every environment
    /// but Development write one JSON object per line (<c>tarang-json</c>); Development writes
    /// readable lines (<c>tarang-text</c>). <c>Logging:Console:FormatterName</c> overrides the choice.
    /// </summary>
    /// <remarks>
    /// The Debug and EventSource providers are removed because their output would bypass the
    /// redaction the formatters apply to every line.
    /// </remarks>
    public static WebApplicationBuilder AddConsoleLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration[FormatterNameKey];
        if (!string.IsNullOrEmpty(configured) && !KnownFormatters.Contains(configured, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"{FormatterNameKey} is '{configured}'; set it to {JsonLineConsoleFormatter.FormatterName} (one JSON object per line) or {TextLineConsoleFormatter.FormatterName} (readable lines), or remove it to follow the environment.");
        }

        var formatter = string.IsNullOrEmpty(configured)
            ? builder.Environment.IsDevelopment() ? TextLineConsoleFormatter.FormatterName : JsonLineConsoleFormatter.FormatterName
            : configured;

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.AddConsoleFormatter<JsonLineConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.AddConsoleFormatter<TextLineConsoleFormatter, ConsoleFormatterOptions>();
        builder.Services.PostConfigure<ConsoleLoggerOptions>(options => options.FormatterName = formatter);

        // Request lines carry the trace and span ids of the request's activity.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return builder;
    }
}
