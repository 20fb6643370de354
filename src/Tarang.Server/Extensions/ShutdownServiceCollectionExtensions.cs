using Microsoft.Extensions.Options;
using Tarang.Server.Shutdown;

namespace Tarang.Server.Extensions;

/// <summary>Registers the graceful shutdown: signals, the drain, the limit and the database flush.</summary>
public static class ShutdownServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shutdown services and sets the host's shutdown timeout from
    /// <c>Server:ShutdownTimeout</c>. Call before the other hosted services, so the shutdown's own
    /// hosted service starts first and finishes last.
    /// </summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.ShutdownTimeout);

        services.AddSingleton<ShutdownCoordinator>();
        services.AddSingleton<ShutdownSignals>();
        services.AddSingleton<DatabaseFlush>();
        services.AddHostedService<ShutdownLifecycle>();
        return services;
    }

    /// <summary>Registers the drain delay. Call after every other hosted service.</summary>
    public static IServiceCollection AddShutdownDrain(this IServiceCollection services) =>
        services.AddHostedService<ShutdownDrain>();

    /// <summary>Tracks requests in flight and answers new ones with 503 once shutting down. Use first in the pipeline.</summary>
    public static IApplicationBuilder UseShutdownDrain(this IApplicationBuilder app) =>
        app.UseMiddleware<ShutdownDrainMiddleware>();
}
