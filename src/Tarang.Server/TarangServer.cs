using Tarang.Server.Apis;
using Tarang.Server.Extensions;

namespace Tarang.Server;

/// <summary>Builds the server's web application; Program.cs and the integration tests both use it.</summary>
public static class TarangServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddReferenceData(builder.Configuration);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddSessions(builder.Configuration);
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
