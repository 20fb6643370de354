using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Options;
using Tarang.Server.Http;

namespace Tarang.Server.Extensions;

/// <summary>
/// Registers request logging with secrets redacted: every request when <c>RequestLogging:Enabled</c>
/// is on, and otherwise only server errors and slow requests.
/// </summary>
public static class HttpLoggingServiceCollectionExtensions
{
    /// <summary>
    /// The ASP.NET Core category whose "Request starting" and "Request finished" lines contain the
    /// URL with its query string. The console formatters redact secret query values in them.
    /// </summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplicationBuilder AddRedactedRequestLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RequestLoggingOptions>().Bind(builder.Configuration.GetSection(RequestLoggingOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RequestLoggingOptions>, RequestLoggingOptionsValidator>();
        builder.Services.AddSingleton<RejectedRequestLog>();

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
        app.UseMiddleware<RequestOutcomeLoggingMiddleware>();
        if (app.Configuration.GetSection(RequestLoggingOptions.SectionName).Get<RequestLoggingOptions>()?.Enabled == true)
        {
            app.UseHttpLogging();
        }

        return app;
    }
}
