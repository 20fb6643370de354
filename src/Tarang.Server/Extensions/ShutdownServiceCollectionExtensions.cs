using Microsoft.Extensions.Options;
using Tarang.Server.Shutdown;

namespace Tarang.Server.Extensions;

/// <summary>Registers the graceful shutdown: signals, the drain, the limit and the database flush.</summary>
public static class ShutdownServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shutdown services and sets the host's shutdown timeout to
    /// <c>Server:ShutdownTimeout</c> plus <see cref="ShutdownCoordinator.HostTimeoutMargin"/>. Call before the other hosted services, so the shutdown's own
    /// hosted services start first and finish last.
    /// </summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = shutdown.Value.ShutdownTimeout + ShutdownCoordinator.HostTimeoutMargin);

        services.AddSingleton<ShutdownCoordinator>();
        services.AddSingleton<ShutdownSignals>();
        services.AddSingleton<DatabaseFlush>();

        // The host calls StoppingAsync, StopAsync and StoppedAsync in reverse order of
        // registration: the drain's StoppingAsync waits last, after every other part has begun to
        // stop, and the lifecycle's StoppedAsync flushes the database after everything stopped.
        services.AddHostedService<ShutdownDrain>();
        services.AddHostedService<ShutdownLifecycle>();
        return services;
    }

    /// <summary>Tracks requests in flight and rejects new ones with 503 once shutting down. Use first in the pipeline.</summary>
    public static IApplicationBuilder UseShutdownDrain(this IApplicationBuilder app) =>
        app.UseMiddleware<ShutdownDrainMiddleware>();
}
