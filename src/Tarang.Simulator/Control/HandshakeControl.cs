namespace Tarang.Simulator.Control;

/// <summary>The control hooks' state for feed handshakes: refuse them with a status code, or stall them.</summary>
internal sealed class HandshakeControl(TimeProvider wallClock)
{
    private readonly Lock stateLock = new();
    private TaskCompletionSource stallReleased = CompletedSource();
    private volatile int refusalStatusCode;

    /// <summary>The HTTP status every handshake gets while refusing (503 or 429), or null.</summary>
    public int? RefusalStatusCode
    {
        get => refusalStatusCode == 0 ? null : refusalStatusCode;
        set => refusalStatusCode = value ?? 0;
    }

    /// <summary>Holds every new handshake until <see cref="ReleaseStall"/> or until <paramref name="duration"/> has passed.</summary>
    public void Stall(TimeSpan? duration)
    {
        TaskCompletionSource source;
        lock (stateLock)
        {
            if (stallReleased.Task.IsCompleted)
            {
                stallReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            source = stallReleased;
        }

        if (duration is { } wait)
        {
            _ = Task.Delay(wait, wallClock).ContinueWith(_ => source.TrySetResult(), TaskScheduler.Default);
        }
    }

    public void ReleaseStall()
    {
        lock (stateLock)
        {
            stallReleased.TrySetResult();
        }
    }

    public bool IsStalled
    {
        get
        {
            lock (stateLock)
            {
                return !stallReleased.Task.IsCompleted;
            }
        }
    }

    public Task WaitWhileStalledAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (stateLock)
        {
            task = stallReleased.Task;
        }

        return task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
