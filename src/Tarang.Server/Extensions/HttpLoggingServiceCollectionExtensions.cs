using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Options;
using Tarang.Server.Http;

namespace Tarang.Server.Extensions;

/// <summary>
/// Registers request logging with secrets redacted: every request when <c>RequestLogging:Enabled</c>
/// is on, and otherwise only server errors and slow requests.
/// </summary>
/// <remarks>
/// ASP.NET Core's own "Request starting" lines (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>)
/// print the URL with its query string, so the console formatters redact secret values in them.
/// </remarks>
public static class HttpLoggingServiceCollectionExtensions
{
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
