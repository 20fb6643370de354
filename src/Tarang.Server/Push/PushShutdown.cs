namespace Tarang.Server.Push;

/// <summary>
/// Tells hub clients the server is going away and closes their connections when the host begins
/// to stop, before SignalR closes what is left.
/// </summary>
/// <remarks>
/// SIGTERM and Ctrl+C signal <see cref="IHostApplicationLifetime.ApplicationStopping"/> before the
/// host runs <see cref="StoppingAsync"/>, and SignalR closes every connection on that signal. So
/// the reason is also sent from an ApplicationStopping callback registered once the host has
/// started, after SignalR's own: cancellation callbacks run in reverse order of registration.
/// Whichever path comes first sends it; the other finds nothing left to close.
/// </remarks>
internal sealed class PushShutdown(PushRegistry registry, IHostApplicationLifetime lifetime) : IHostedLifecycleService, IDisposable
{
    public const string Reason = "The server is shutting down; reconnect in a few seconds.";

    private CancellationTokenRegistration stoppingRegistration;
    private int closed;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // Blocking here is bounded by Push:CloseTimeout, and SignalR's own callback after this one
        // blocks the same way while it closes connections.
        stoppingRegistration = lifetime.ApplicationStopping.Register(() => CloseAllAsync(CancellationToken.None).GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => CloseAllAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => stoppingRegistration.Dispose();

    private Task CloseAllAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref closed, 1) == 0 ? registry.CloseAllAsync(Reason, cancellationToken) : Task.CompletedTask;
}
