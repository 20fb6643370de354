using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Server;

namespace Tarang.Server.Tests;

/// <summary>
/// Runs the real server on Kestrel at a free loopback port, with extra configuration if given.
/// Unless the settings name a database, each server gets its own SQLite file, deleted at dispose.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string? databasePath;

    private LoopbackServer(WebApplication app, Uri address, string? databasePath)
    {
        this.app = app;
        this.databasePath = databasePath;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public WebApplication App => app;

    public static Task<LoopbackServer> StartAsync(params string[] settings) => StartAsync(configure: null, settings);

    public static async Task<LoopbackServer> StartAsync(Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        string? databasePath = null;
        if (!settings.Any(s => s.StartsWith("--Database:", StringComparison.Ordinal)))
        {
            databasePath = Path.Combine(Path.GetTempPath(), $"tarang-test-{Guid.NewGuid():N}.db");
            settings = [.. settings, $"--Database:ConnectionString=Data Source={databasePath};Pooling=False"];
        }

        string[] args = ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--Simulator:Port=0", .. settings];
        var app = await TarangServer.BuildAsync(args, configure);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            DeleteDatabase(databasePath);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackServer(app, new Uri(address), databasePath);
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        DeleteDatabase(databasePath);
    }

    private static void DeleteDatabase(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }
}
