namespace Tarang.Server.Push;

/// <summary>
/// Tells hub clients the server is going away and closes their connections when the host begins
/// to stop, before Kestrel and SignalR close what is left.
/// </summary>
/// <remarks>
/// On SIGTERM or SIGINT the host fires ApplicationStopping before it calls any StoppingAsync, and
/// SignalR closes every connection from its own ApplicationStopping callback, without a reason.
/// That callback is registered when the hub is mapped, before the host starts, and callbacks run
/// in reverse order of registration, so the one registered here at start runs first. It blocks
/// until the reasons are sent, at most twice <see cref="PushOptions.CloseTimeout"/>, as SignalR's
/// own callback blocks. A host stopped by code calls StoppingAsync before ApplicationStopping, so
/// StoppingAsync closes them too; a connection closes once whichever comes first.
/// </remarks>
internal sealed class PushShutdown(PushRegistry registry, IHostApplicationLifetime lifetime) : IHostedLifecycleService, IDisposable
{
    public const string Reason = "The server is shutting down; reconnect in a few seconds.";

    private CancellationTokenRegistration stoppingRegistration;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        stoppingRegistration = lifetime.ApplicationStopping.Register(CloseAllBeforeSignalR);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => registry.CloseAllAsync(Reason, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => stoppingRegistration.Dispose();

    // CloseAllAsync bounds its own wait and awaits with ConfigureAwait(false), so blocking here cannot deadlock.
    private void CloseAllBeforeSignalR() => registry.CloseAllAsync(Reason, CancellationToken.None).GetAwaiter().GetResult();
}
