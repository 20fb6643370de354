namespace Tarang.Server.Shutdown;

/// <summary>
/// Holds the web server open for <c>Server:ShutdownDrainDelay</c> after the signal. The host calls
/// every StoppingAsync before any StopAsync, and the web server stops listening in its StopAsync,
/// so registering this service last delays only the listening, not the stop of the other parts.
/// </summary>
internal sealed class ShutdownDrain(ShutdownCoordinator coordinator) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        coordinator.OnStopping();
        return coordinator.WaitForDrainDelayAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
