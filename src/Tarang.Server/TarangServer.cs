using Tarang.Server.Apis;
using Tarang.Server.Extensions;
using Tarang.Server.Http;
using Tarang.Server.Services;

namespace Tarang.Server;

/// <summary>Builds the server's web application; Program.cs and the integration tests both use it.</summary>
public static class TarangServer
{
    /// <summary>
    /// Builds the application and, on the embedded default, starts the simulator (or, with a
    /// standalone simulator, starts following its clock), so that the feed and the exchange clock
    /// can use it when the host starts.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(args, configure);
        if (app.Services.GetService<EmbeddedSimulator>() is { } simulator)
        {
            await simulator.StartAsync(CancellationToken.None);
        }

        if (app.Services.GetService<FollowedSimulatorClock>() is { } followedClock)
        {
            await followedClock.StartAsync(CancellationToken.None);
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
        builder.AddConsoleLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = DescribeStatusCode);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Binding failures reach BadRequestExceptionHandler in every environment, so the reply is
        // problem details rather than an empty 400 (or, in Development, a 500).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.Services.AddMarketSource(builder.Configuration);
        builder.Services.AddReferenceData(builder.Configuration);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddSessions(builder.Configuration);
        builder.Services.AddFeedSupervisor(builder.Configuration);
        builder.Services.AddCandles(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddPush(builder.Configuration);
        builder.Services.AddWatchlists(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddBrowserAccess(builder.Configuration);
        builder.Services.AddOperations(builder.Configuration);
        builder.AddRedactedRequestLogging();
        builder.AddServerLimits();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseTrustedProxies();
        app.UseBrowserAccess();
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
        app.MapCandlesApi();
        app.MapPush();
        app.MapWatchlistApi();
        app.MapOperations();
        return app;
    }

    // Status-code pages (an unknown route, a method not allowed) carry a detail and the legacy
    // message like every other error.
    private static void DescribeStatusCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is null && problem.Status is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
        {
            var request = context.HttpContext.Request;
            problem.Detail = problem.Status == StatusCodes.Status404NotFound
                ? $"No route matches {request.Method} {request.Path}; /openapi/v1.json lists the routes."
                : $"{request.Path} does not accept {request.Method}; /openapi/v1.json lists the methods of each route.";
            problem.Extensions["message"] = problem.Detail;
        }
    }
}
