using Microsoft.AspNetCore.HttpLogging;
using Tarang.Server.Http;

namespace Tarang.Server.Extensions;

/// <summary>Registers request logging with secrets redacted.</summary>
public static class HttpLoggingServiceCollectionExtensions
{
    /// <summary>The ASP.NET Core category whose "Request starting" line contains the raw query string.</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplicationBuilder AddRedactedRequestLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RequestLoggingOptions>().Bind(builder.Configuration.GetSection(RequestLoggingOptions.SectionName));

        // The hosting layer logs every request URL, query included, before any middleware can redact
        // it. Its lines stay off below Warning, and the request logging below replaces them.
        builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.Warning);

        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestPropertiesAndHeaders
                | HttpLoggingFields.ResponseStatusCode
                | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        builder.Services.AddHttpLoggingInterceptor<RedactingHttpLoggingInterceptor>();
        return builder;
    }

    public static WebApplication UseRedactedRequestLogging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetSection(RequestLoggingOptions.SectionName).Get<RequestLoggingOptions>()?.Enabled == true)
        {
            app.UseHttpLogging();
        }

        return app;
    }
}
