namespace Tarang.Server.Services;

/// <summary>
/// Stops the embedded simulator when the host stops. Registered before the other hosted
/// services, so it stops after them and the feed can still send its disconnect request.
/// </summary>
internal sealed class EmbeddedSimulatorLifetime(EmbeddedSimulator simulator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await simulator.DisposeAsync();
}
