using Microsoft.AspNetCore.Builder;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator;

/// <summary>A started simulator: its URLs, its exchange clock and its replay. Dispose to stop it.</summary>
public sealed class RunningSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IDisposable? clockReport;

    internal RunningSimulator(WebApplication app, Uri baseUrl, SimulatorOptions options, ReplayClock exchangeClock, ReplayEngine engine, IDisposable? clockReport)
    {
        this.app = app;
        this.clockReport = clockReport;
        BaseUrl = baseUrl;
        Options = options;
        ExchangeClock = exchangeClock;
        Engine = engine;
        var webSocketScheme = baseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        FeedUrl = new UriBuilder(baseUrl) { Scheme = webSocketScheme, Path = "/" }.Uri;
        RestBaseUrl = new Uri(baseUrl, "/v2/");
        ControlUrl = new Uri(baseUrl, "/control/");
    }

    /// <summary>The server's base URL, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The feed WebSocket URL without its query, <c>ws://127.0.0.1:port/</c>; see <see cref="FeedUrlFor"/>.</summary>
    public Uri FeedUrl { get; }

    /// <summary>The base of Dhan's REST paths, <c>http://127.0.0.1:port/v2/</c>.</summary>
    public Uri RestBaseUrl { get; }

    /// <summary>The control hooks, <c>http://127.0.0.1:port/control/</c>; <c>GET clock</c> serves the exchange clock.</summary>
    public Uri ControlUrl { get; }

    public SimulatorOptions Options { get; }

    /// <summary>The exchange clock; a server embedding the simulator shares it.</summary>
    public ReplayClock ExchangeClock { get; }

    public ReplayEngine Engine { get; }

    /// <summary>Returns the feed URL with Dhan's query parameters for the credentials.</summary>
    public Uri FeedUrlFor(string clientId, string accessToken) =>
        new UriBuilder(FeedUrl)
        {
            Query = $"version=2&token={Uri.EscapeDataString(accessToken)}&clientId={Uri.EscapeDataString(clientId)}&authType=2",
        }.Uri;

    /// <summary>Stops the server, closing every connection, and stops the exchange clock's events.</summary>
    public async ValueTask DisposeAsync()
    {
        clockReport?.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await app.DisposeAsync().ConfigureAwait(false);
        ExchangeClock.Dispose();
    }
}
