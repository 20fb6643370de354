namespace Tarang.Server.Push;

/// <summary>
/// Tells hub clients the server is going away and closes their connections when the host begins
/// to stop, before Kestrel and SignalR close what is left.
/// </summary>
internal sealed class PushShutdown(PushRegistry registry) : IHostedLifecycleService
{
    public const string Reason = "The server is shutting down; reconnect in a few seconds.";

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => registry.CloseAllAsync(Reason, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
