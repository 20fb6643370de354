namespace Tarang.Server.Services;

/// <summary>
/// A background job that runs one pass on every tick of a timer on the injected clock, so tests
/// drive it with a fake clock. A failed pass (a database outage, say) is reported and the next
/// tick tries again; the job stops only when the host stops.
/// </summary>
public abstract class PeriodicJob : BackgroundService
{
    /// <summary>The clock the timer runs on (the injected wall clock).</summary>
    protected abstract TimeProvider Clock { get; }

    /// <summary>The time between passes.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Runs one pass.</summary>
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Reports a pass that failed; the job goes on.</summary>
    protected abstract void OnPassFailed(Exception exception);

    /// <summary>Whether a pass runs as soon as the job starts, before the first tick.</summary>
    protected virtual bool RunsAtStart => false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            if (RunsAtStart)
            {
                await RunGuardedPassAsync(stoppingToken).ConfigureAwait(false);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunGuardedPassAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunGuardedPassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunPassAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            OnPassFailed(exception);
        }
    }
}
