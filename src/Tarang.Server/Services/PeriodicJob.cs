namespace Tarang.Server.Services;

/// <summary>
/// A background job that runs one pass on every tick of a timer on the injected clock, so tests
/// drive it with a fake clock. A failed pass (a database outage, say) is reported and the next
/// tick tries again; the job stops only when the host stops. When the host begins to stop
/// (StoppingAsync), a running pass is cancelled at once rather than after the web server has
/// drained. A pass must keep what it finished before the cancellation: each write of a pass is a
/// transaction of its own, so a cancelled pass leaves the data as its last completed write did.
/// </summary>
public abstract class PeriodicJob : BackgroundService, IHostedLifecycleService
{
    private readonly CancellationTokenSource stopping = new();
    private int passRunning;
    private int passCancelled;

    /// <summary>The clock the timer runs on (the injected wall clock).</summary>
    protected abstract TimeProvider Clock { get; }

    /// <summary>The time between passes.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether a pass runs as soon as the job starts, before the first tick.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>True while a pass runs.</summary>
    public bool IsPassRunning => Volatile.Read(ref passRunning) == 1;

    /// <summary>True when stopping cancelled a pass that was running.</summary>
    public bool WasPassCancelled => Volatile.Read(ref passCancelled) == 1;

    public virtual Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Cancels the running pass, if any, and ends the timer loop.</summary>
    public virtual Task StoppingAsync(CancellationToken cancellationToken) => stopping.CancelAsync();

    public virtual Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        stopping.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs one pass.</summary>
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Reports a pass that failed; the job goes on.</summary>
    protected abstract void OnPassFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, stopping.Token);
        var token = linked.Token;
        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            if (RunsAtStart)
            {
                await RunGuardedPassAsync(token).ConfigureAwait(false);
            }

            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                await RunGuardedPassAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task RunGuardedPassAsync(CancellationToken token)
    {
        Volatile.Write(ref passRunning, 1);
        try
        {
            await RunPassAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Volatile.Write(ref passCancelled, 1);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            OnPassFailed(exception);
        }
        finally
        {
            Volatile.Write(ref passRunning, 0);
        }
    }
}
