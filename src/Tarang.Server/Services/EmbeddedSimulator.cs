using Microsoft.Extensions.Options;
using Tarang.Dhan;
using Tarang.Market.Time;
using Tarang.Server.Options;
using Tarang.Simulator;

namespace Tarang.Server.Services;

/// <summary>
/// The simulator the server starts on a loopback port when <c>Market:Source</c> is
/// <c>Simulator</c> and no <c>Dhan:FeedUrl</c> points at another one. The feed connection reaches
/// it over a real socket, and its replay clock is the server's exchange clock.
/// </summary>
public sealed partial class EmbeddedSimulator(
    IOptions<SimulatorSettings> settings,
    ILoggerFactory loggerFactory,
    TimeProvider wallClock,
    ILogger<EmbeddedSimulator> logger) : IAsyncDisposable
{
    private RunningSimulator? running;

    /// <summary>The running simulator; throws before <see cref="StartAsync"/> has completed.</summary>
    public RunningSimulator Running =>
        running ?? throw new InvalidOperationException("The embedded simulator has not started; the server starts it while building.");

    /// <summary>The exchange clock of the replay.</summary>
    public ReplayClock ExchangeClock => Running.ExchangeClock;

    /// <summary>Starts the simulator and logs where it listens (never the token).</summary>
    /// <exception cref="ArgumentException">A <c>Simulator</c> setting is invalid; the message names it.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        running = await SimulatorServer.StartAsync(settings.Value.ToSimulatorOptions(), loggerFactory, wallClock, cancellationToken);
        var now = Ist.ToIst(running.ExchangeClock.GetUtcNow());
        LogStarted(running.FeedUrl, running.RestBaseUrl, now, running.Options.Speed, running.Options.Mode);
    }

    /// <summary>Points the Dhan settings at the simulator: its feed, its REST API and the credentials it accepts.</summary>
    public void ConfigureDhan(DhanOptions options)
    {
        // Before the start (commands that only use the database) there is nothing to point at.
        if (running is null)
        {
            return;
        }

        options.FeedUrl = running.FeedUrl;
        options.RestBaseUrl = running.BaseUrl;
        options.ClientId = running.Options.ClientId;
        options.AccessToken = running.Options.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        if (running is not null)
        {
            await running.DisposeAsync();
            running = null;
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information,
        Message = "Started the embedded simulator ({Mode}): feed {FeedUrl}, REST {RestBaseUrl}, exchange clock at {ExchangeTime:yyyy-MM-dd HH:mm:ss zzz}, speed {Speed}x.")]
    private partial void LogStarted(Uri feedUrl, Uri restBaseUrl, DateTimeOffset exchangeTime, double speed, SimulatorMode mode);
}
