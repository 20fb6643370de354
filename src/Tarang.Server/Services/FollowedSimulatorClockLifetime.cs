namespace Tarang.Server.Services;

/// <summary>Stops following the standalone simulator's clock when the host stops.</summary>
internal sealed class FollowedSimulatorClockLifetime(FollowedSimulatorClock clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await clock.DisposeAsync();
}
