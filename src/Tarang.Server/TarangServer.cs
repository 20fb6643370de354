using Tarang.Server.Apis;
using Tarang.Server.Extensions;
using Tarang.Server.Services;

namespace Tarang.Server;

/// <summary>Builds the server's web application; Program.cs and the integration tests both use it.</summary>
public static class TarangServer
{
    /// <summary>
    /// Builds the application and, on the embedded default, starts the simulator, so that the
    /// feed and the exchange clock can use it when the host starts.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(args, configure);
        if (app.Services.GetService<EmbeddedSimulator>() is { } simulator)
        {
            await simulator.StartAsync(CancellationToken.None);
        }

        return app;
    }

    /// <summary>
    /// Builds the application without starting the embedded simulator. Until it starts, the Dhan
    /// settings on the embedded default are incomplete, so use <see cref="BuildAsync"/> to run.
    /// </summary>
    internal static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddMarketSource(builder.Configuration);
        builder.Services.AddReferenceData(builder.Configuration);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddSessions(builder.Configuration);
        builder.Services.AddFeedSupervisor(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.AddRedactedRequestLogging();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseTrustedProxies();
        app.UseRedactedRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapServiceApi();
        app.MapInstrumentsApi();
        app.MapAuthApi();
        app.MapAdminApi();
        return app;
    }
}
