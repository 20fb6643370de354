using Microsoft.Extensions.Options;
using Tarang.Server.Options;
using Tarang.Simulator.Control;

namespace Tarang.Server.Services;

/// <summary>
/// The exchange clock of a standalone simulator, used when <c>Market:Source</c> is
/// <c>Simulator</c> and <c>Dhan:FeedUrl</c> points at that simulator instead of the embedded one:
/// the server reads the simulator's <c>/control/clock</c> and runs on at its speed in between.
/// </summary>
public sealed partial class FollowedSimulatorClock(
    IOptions<SimulatorSettings> settings, IHttpClientFactory httpClients, TimeProvider wallClock, ILogger<FollowedSimulatorClock> logger)
    : IAsyncDisposable
{
    private ExchangeClockFollower? follower;

    /// <summary>The followed clock; throws before <see cref="StartAsync"/> has completed.</summary>
    public TimeProvider Clock =>
        follower ?? throw new InvalidOperationException("The simulator's clock is not followed yet; the server starts following it while building.");

    /// <summary>Reads the simulator's clock once and keeps following it.</summary>
    /// <exception cref="InvalidOperationException"><c>Simulator:ControlUrl</c> is missing or the simulator did not return its clock.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var controlUrl = settings.Value.ControlUrl
            ?? throw new InvalidOperationException(
                "Dhan:FeedUrl points at a standalone simulator, so Simulator:ControlUrl must name its control endpoint, for example http://127.0.0.1:5081/control/.");

        try
        {
            follower = await ExchangeClockFollower.StartAsync(controlUrl, httpClients.CreateClient(nameof(FollowedSimulatorClock)), wallClock, cancellationToken: cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException(
                $"The simulator at Simulator:ControlUrl {controlUrl} did not return its clock ({exception.Message}); start it first or fix the URL.", exception);
        }

        LogFollowing(controlUrl);
    }

    public async ValueTask DisposeAsync()
    {
        if (follower is not null)
        {
            await follower.DisposeAsync();
            follower = null;
        }
    }

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Following the exchange clock of the standalone simulator at {ControlUrl}.")]
    private partial void LogFollowing(Uri controlUrl);
}
