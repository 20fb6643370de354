using Tarang.Server.Services;

namespace Tarang.Server.Shutdown;

/// <summary>
/// One of the first hosted services, so the host starts it before the others and its StoppedAsync
/// runs after theirs. At start it listens for signals, follows the host's ApplicationStopping and
/// reports unobserved task exceptions. After everything stopped it reports the background jobs,
/// flushes the database and logs the end of the shutdown.
/// </summary>
internal sealed partial class ShutdownLifecycle(
    ShutdownCoordinator coordinator,
    ShutdownSignals signals,
    DatabaseFlush database,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<ShutdownLifecycle> logger) : IHostedLifecycleService, IDisposable
{
    private CancellationTokenRegistration stoppingRegistration;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        TaskScheduler.UnobservedTaskException += OnUnobservedTaskException;
        signals.Register();
        stoppingRegistration = lifetime.ApplicationStopping.Register(OnApplicationStopping);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        // A host stopped by code (tests, tools) may call this before ApplicationStopping fires.
        coordinator.OnStopping();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        var jobs = services.GetServices<IHostedService>().OfType<PeriodicJob>()
            .Select(job => $"{job.GetType().Name} ({(job.WasPassCancelled ? "a running pass was cancelled" : "idle")})");
        LogJobsStopped(string.Join(", ", jobs));

        using (coordinator.BeginStep("the database flush"))
        {
            await database.FlushAsync().ConfigureAwait(false);
        }

        // Tasks dropped by the stopping parts surface as unobserved exceptions only when they are
        // finalized, so collect now and any is logged before the process exits. A host stopped by
        // code shares its process (tests, tools), where a blocking collection would pause the rest.
        if (coordinator.StartedBySignal)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        coordinator.Complete();
    }

    public void Dispose()
    {
        stoppingRegistration.Dispose();
        TaskScheduler.UnobservedTaskException -= OnUnobservedTaskException;
    }

    /// <remarks>
    /// ApplicationStopping callbacks run in reverse order of registration. This one is registered
    /// at start, after SignalR's (which aborts every connection and is registered when the hub is
    /// mapped) and before the hub's (which sends each client the closing event, registered by a
    /// later hosted service). So it runs between them and lets the close handshakes finish. It
    /// blocks, at most <see cref="ShutdownCoordinator.WebSocketCloseWait"/>, as SignalR's own does.
    /// </remarks>
    private void OnApplicationStopping()
    {
        coordinator.OnStopping();
        coordinator.WaitForWebSocketsToCloseAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private void OnUnobservedTaskException(object? sender, UnobservedTaskExceptionEventArgs e) => LogUnobservedTaskException(e.Exception);

    [LoggerMessage(5309, LogLevel.Information, "Stopped the background jobs: {Jobs}.")]
    private partial void LogJobsStopped(string jobs);

    [LoggerMessage(5312, LogLevel.Error, "A task failed and nothing observed its exception. This is a bug in the code that started the task.")]
    private partial void LogUnobservedTaskException(Exception exception);
}
