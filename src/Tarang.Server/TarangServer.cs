using Tarang.Server.Apis;
using Tarang.Server.Extensions;
using Tarang.Server.Services;

namespace Tarang.Server;

/// <summary>Builds the server's web application; Program.cs and the integration tests both use it.</summary>
public static class TarangServer
{
    /// <summary>
    /// Builds the application and, on the embedded default, starts the simulator so that the
    /// market-data settings can point at it before the host starts.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddMarketSource(builder.Configuration);
        builder.Services.AddReferenceData(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        if (app.Services.GetService<EmbeddedSimulator>() is { } simulator)
        {
            await simulator.StartAsync(CancellationToken.None);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapServiceApi();
        app.MapInstrumentsApi();
        return app;
    }
}
