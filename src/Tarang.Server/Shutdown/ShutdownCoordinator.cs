using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;
using Tarang.Server.Services;

namespace Tarang.Server.Shutdown;

/// <summary>
/// Follows one shutdown from the signal to the exit: logs the signal (and any repeat), marks the
/// server as draining so new requests get 503, and at <c>Server:ShutdownTimeout</c> logs one
/// summary of what was still running and aborts the HTTP requests still in flight. The host's own
/// timeout, <see cref="HostTimeoutMargin"/> later, cancels the other stop steps. When the shutdown
/// came from a signal and the process still runs <see cref="ExitGrace"/> after the limit, because
/// some part ignored its cancellation, the coordinator logs what is left and exits the process.
/// </summary>
public sealed partial class ShutdownCoordinator(
    IOptions<ShutdownOptions> options,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<ShutdownCoordinator> logger) : IDisposable
{
    /// <summary>
    /// How long after the limit the coordinator waits for the host to return before it exits the
    /// process: the host cancels the remaining work at the limit, and unwinding takes moments.
    /// </summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How much later than <c>Server:ShutdownTimeout</c> the host's own shutdown timeout fires. The
    /// host's timeout aborts the web server's connections at once, so the summary, which names
    /// those requests, must come first.
    /// </summary>
    public static readonly TimeSpan HostTimeoutMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the start of the shutdown waits for WebSockets that are closing (hub clients that
    /// were sent the closing event) to finish their close handshake, before SignalR aborts the rest.
    /// A handshake takes milliseconds on a working network, so this only bounds a client that never responds.
    /// </summary>
    public static readonly TimeSpan WebSocketCloseWait = TimeSpan.FromSeconds(3);

    /// <summary>The exit code when the process had to be ended after <see cref="ExitGrace"/>: some part ignored cancellation.</summary>
    public const int ForcedExitCode = 1;

    private static readonly TimeSpan WebSocketPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly Lock sync = new();
    private readonly ConcurrentDictionary<long, string> steps = new();
    private readonly ShutdownOptions settings = options.Value;
    private long nextStepId;
    private long startedAt;
    private int signals;
    private int rejected;
    private bool stopping;
    private bool completed;
    private string? firstSignal;
    private ITimer? limitTimer;
    private ITimer? exitTimer;

    /// <summary>The HTTP requests in flight, kept by the drain middleware.</summary>
    public InFlightRequests Requests { get; } = new();

    /// <summary>True from the moment the host begins to stop.</summary>
    public bool IsStopping => Volatile.Read(ref stopping);

    /// <summary>True when a signal started the shutdown, so this host owns its process.</summary>
    public bool StartedBySignal => Volatile.Read(ref signals) > 0;

    /// <summary>The settings, validated at start.</summary>
    public ShutdownOptions Settings => settings;

    /// <summary>Time since the shutdown began, or zero before it.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (sync)
            {
                return stopping ? timeProvider.GetElapsedTime(startedAt) : TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// Records a SIGTERM or SIGINT. The first starts the shutdown; a repeat is logged and the
    /// shutdown goes on, ending at <c>Server:ShutdownTimeout</c> at the latest.
    /// </summary>
    public void OnSignal(PosixSignal signal)
    {
        var count = Interlocked.Increment(ref signals);
        var name = SignalName(signal);
        if (count == 1)
        {
            lock (sync)
            {
                firstSignal = name;
            }

            Log.SignalReceived(logger, name, settings.ShutdownTimeout);
            return;
        }

        Log.SignalRepeated(logger, name, Elapsed, settings.ShutdownTimeout);
    }

    /// <summary>
    /// Marks the start of the shutdown (the host's ApplicationStopping) and arms the limit. Safe to
    /// call more than once.
    /// </summary>
    public void OnStopping()
    {
        bool fromSignal;
        lock (sync)
        {
            if (stopping)
            {
                return;
            }

            stopping = true;
            startedAt = timeProvider.GetTimestamp();
            fromSignal = firstSignal is not null;
            limitTimer = timeProvider.CreateTimer(_ => OnLimitReached(), null, settings.ShutdownTimeout, Timeout.InfiniteTimeSpan);

            // Only a signalled process may be ended here: in-process hosts (tests, tools) stop
            // without a signal and must never take their process down.
            if (fromSignal)
            {
                exitTimer = timeProvider.CreateTimer(_ => OnExitGraceElapsed(), null, settings.ShutdownTimeout + ExitGrace, Timeout.InfiniteTimeSpan);
            }
        }

        Log.ShutdownStarted(logger, settings.ShutdownDrainDelay, settings.ShutdownTimeout);
    }

    /// <summary>
    /// Waits, at most <see cref="WebSocketCloseWait"/>, until no WebSocket request is in flight, so
    /// the close handshakes the hub started finish before SignalR or Kestrel abort what is left.
    /// </summary>
    public async Task WaitForWebSocketsToCloseAsync(CancellationToken cancellationToken)
    {
        var open = Requests.WebSocketCount;
        if (open == 0)
        {
            return;
        }

        Log.WaitingForWebSockets(logger, open, WebSocketCloseWait);
        var started = timeProvider.GetTimestamp();
        while (Requests.WebSocketCount > 0 && timeProvider.GetElapsedTime(started) < WebSocketCloseWait)
        {
            await Task.Delay(WebSocketPollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        var left = Requests.WebSocketCount;
        if (left > 0)
        {
            Log.WebSocketsStillOpen(logger, left, WebSocketCloseWait);
        }
    }

    /// <summary>Waits until <c>Server:ShutdownDrainDelay</c> has passed since the shutdown began.</summary>
    public async Task WaitForDrainDelayAsync(CancellationToken cancellationToken)
    {
        var remaining = settings.ShutdownDrainDelay - Elapsed;
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        Log.Draining(logger, remaining);
        try
        {
            await Task.Delay(remaining, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The limit came first; stopping goes on.
        }
    }

    /// <summary>Counts a request rejected with 503 because the server is shutting down.</summary>
    public void CountRejected() => Interlocked.Increment(ref rejected);

    /// <summary>Names a step of the shutdown for the summary until the returned handle is disposed.</summary>
    public IDisposable BeginStep(string description)
    {
        var id = Interlocked.Increment(ref nextStepId);
        steps[id] = description;
        return new Step(this, id);
    }

    /// <summary>Logs the end of the shutdown and disarms the limit.</summary>
    public void Complete()
    {
        lock (sync)
        {
            if (completed)
            {
                return;
            }

            completed = true;
            limitTimer?.Dispose();
            exitTimer?.Dispose();
        }

        Log.ShutdownCompleted(logger, Elapsed, Volatile.Read(ref rejected));
    }

    /// <summary>Describes what is still running: HTTP requests, the feed, job passes and named steps.</summary>
    public string DescribeRunning()
    {
        List<string> parts = [Requests.Describe()];
        if (services.GetService<DhanFeed>() is { } feed)
        {
            var status = feed.GetStatus();
            if (status.State != FeedState.Idle)
            {
                parts.Add($"the Dhan feed ({status.State}, {status.OpenConnections} sockets open)");
            }
        }

        var jobs = services.GetServices<IHostedService>().OfType<PeriodicJob>().Where(job => job.IsPassRunning).Select(job => job.GetType().Name).ToList();
        if (jobs.Count > 0)
        {
            parts.Add($"job passes ({string.Join(", ", jobs)})");
        }

        parts.AddRange(steps.OrderBy(pair => pair.Key).Select(pair => pair.Value));
        return string.Join("; ", parts);
    }

    public void Dispose()
    {
        lock (sync)
        {
            limitTimer?.Dispose();
            exitTimer?.Dispose();
        }
    }

    private static string SignalName(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGINT => "SIGINT",
        PosixSignal.SIGQUIT => "SIGQUIT",
        _ => signal.ToString(),
    };

    private void OnLimitReached()
    {
        lock (sync)
        {
            if (completed)
            {
                return;
            }
        }

        Log.LimitReached(logger, settings.ShutdownTimeout, DescribeRunning());
        Requests.AbortAll();
    }

    private void OnExitGraceElapsed()
    {
        lock (sync)
        {
            if (completed)
            {
                return;
            }
        }

        Log.ForcedExit(logger, ExitGrace, settings.ShutdownTimeout, DescribeRunning(), ForcedExitCode);

        // NOTE: no test reaches this path, because no part of the server ignores cancellation today.
        // Environment.Exit runs the ProcessExit handlers, and those of the host's console lifetime
        // may wait for the host and set the exit code to 0 on some .NET versions.
        Environment.Exit(ForcedExitCode);
    }

    private void EndStep(long id) => steps.TryRemove(id, out _);

    private sealed class Step(ShutdownCoordinator owner, long id) : IDisposable
    {
        public void Dispose() => owner.EndStep(id);
    }

    private static partial class Log
    {
        [LoggerMessage(5300, LogLevel.Information, "Shutting down: new connections are refused after {DrainDelay} (Server:ShutdownDrainDelay) and new requests until then get 503; requests in flight finish, the feed and background jobs stop. The limit is {Timeout} (Server:ShutdownTimeout).")]
        public static partial void ShutdownStarted(ILogger logger, TimeSpan drainDelay, TimeSpan timeout);

        [LoggerMessage(5301, LogLevel.Information, "Received {Signal}; the server shuts down within {Timeout} (Server:ShutdownTimeout).")]
        public static partial void SignalReceived(ILogger logger, string signal, TimeSpan timeout);

        [LoggerMessage(5302, LogLevel.Warning, "Received {Signal} again {Elapsed} into the shutdown; the shutdown goes on and ends by its limit of {Timeout} (Server:ShutdownTimeout). Send SIGKILL to end the process at once.")]
        public static partial void SignalRepeated(ILogger logger, string signal, TimeSpan elapsed, TimeSpan timeout);

        [LoggerMessage(5303, LogLevel.Information, "Answering new requests with 503 for {Remaining} more (Server:ShutdownDrainDelay) before the server stops listening.")]
        public static partial void Draining(ILogger logger, TimeSpan remaining);

        [LoggerMessage(5304, LogLevel.Warning, "The shutdown reached its limit of {Timeout} (Server:ShutdownTimeout); ending what is still running: {Running}.")]
        public static partial void LimitReached(ILogger logger, TimeSpan timeout, string running);

        [LoggerMessage(5305, LogLevel.Information, "Shut down in {Elapsed}; {Rejected} requests were answered 503 during the shutdown.")]
        public static partial void ShutdownCompleted(ILogger logger, TimeSpan elapsed, int rejected);

        [LoggerMessage(5313, LogLevel.Information, "Waiting up to {Wait} for {Count} WebSocket connections to finish closing.")]
        public static partial void WaitingForWebSockets(ILogger logger, int count, TimeSpan wait);

        [LoggerMessage(5314, LogLevel.Warning, "{Count} WebSocket connections did not finish closing within {Wait}, so the server aborts them.")]
        public static partial void WebSocketsStillOpen(ILogger logger, int count, TimeSpan wait);

        [LoggerMessage(5310, LogLevel.Error, "The shutdown was still running {Grace} after its limit of {Timeout} (Server:ShutdownTimeout), because a part ignored cancellation; still running: {Running}. Exiting with code {ExitCode}.")]
        public static partial void ForcedExit(ILogger logger, TimeSpan grace, TimeSpan timeout, string running, int exitCode);
    }
}
