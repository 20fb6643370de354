namespace Tarang.Server.Shutdown;

/// <summary>
/// Holds the web server open for <c>Server:ShutdownDrainDelay</c> after the signal. The host calls
/// every StoppingAsync, in reverse order of registration, before any StopAsync, and the web server
/// stops listening in its StopAsync. This service is registered first, so its StoppingAsync runs
/// after the others have begun to stop (the feed, the jobs, the hub) and delays only the listening.
/// </summary>
internal sealed class ShutdownDrain(ShutdownCoordinator coordinator) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        coordinator.OnStopping();

        // A host stopped by code reaches here before ApplicationStopping: the hub has sent its
        // closing events in its StoppingAsync, so let those WebSockets close before Kestrel stops.
        await coordinator.WaitForWebSocketsToCloseAsync(cancellationToken).ConfigureAwait(false);
        await coordinator.WaitForDrainDelayAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
