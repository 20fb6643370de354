namespace Tarang.Server.Shutdown;

/// <summary>
/// How the server shuts down on SIGTERM or SIGINT, bound from the <c>Server</c> section.
/// Durations are TimeSpan text (<c>00:00:10</c>).
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Server";

    /// <summary>Default <see cref="ShutdownTimeout"/>: 10 seconds, below the 30 seconds most orchestrators wait before SIGKILL.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="ShutdownDrainDelay"/>: none, so new connections are refused as soon as the signal arrives.</summary>
    public static readonly TimeSpan DefaultShutdownDrainDelay = TimeSpan.Zero;

    /// <summary>Default <see cref="ShutdownRetryAfter"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultShutdownRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The longest a validated <see cref="ShutdownTimeout"/> may be: 10 minutes.</summary>
    public static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The hard limit of a shutdown, counted from the signal. What is still running then is logged
    /// in one summary and ended. It is also the host's <c>HostOptions.ShutdownTimeout</c>.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>
    /// How long the server keeps accepting connections after the signal, answering every new
    /// request with 503 and Retry-After, before it stops listening. It gives a load balancer time to
    /// notice, and it counts against <see cref="ShutdownTimeout"/>.
    /// </summary>
    public TimeSpan ShutdownDrainDelay { get; set; } = DefaultShutdownDrainDelay;

    /// <summary>The Retry-After value of the 503 replies during shutdown, in whole seconds (rounded up).</summary>
    public TimeSpan ShutdownRetryAfter { get; set; } = DefaultShutdownRetryAfter;
}
