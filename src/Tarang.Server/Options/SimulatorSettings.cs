using Tarang.Market.Time;
using Tarang.Simulator;

namespace Tarang.Server.Options;

/// <summary>
/// The embedded simulator (section <c>Simulator</c>), started when <c>Market:Source</c> is
/// <c>Simulator</c>. Unset values keep the simulator's defaults.
/// </summary>
public sealed class SimulatorSettings
{
    public const string SectionName = "Simulator";

    /// <summary>The loopback port; 0 picks a free one. The shipped settings use 5081.</summary>
    public int Port { get; set; }

    /// <summary>The recorded trading day the exchange clock starts on (default 2026-02-06).</summary>
    public DateOnly StartDate { get; set; } = ReplayClockOptions.DefaultStartDate;

    /// <summary>The IST time of day the exchange clock starts at (default 10:47).</summary>
    public TimeOnly StartTime { get; set; } = ReplayClockOptions.DefaultStartTime;

    /// <summary>Exchange seconds per wall-clock second (default 1).</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Whether the replay wraps from the last recorded day to the first (default true).</summary>
    public bool Loop { get; set; } = true;

    /// <summary>Replay the recordings (default) or send the high-rate synthetic random walk.</summary>
    public SimulatorMode Mode { get; set; } = SimulatorMode.Replay;

    /// <summary>
    /// The control URL of a standalone simulator (<c>http://127.0.0.1:5081/control/</c>) whose
    /// exchange clock the server follows. Required when <c>Dhan:FeedUrl</c> points at a standalone
    /// simulator instead of the embedded one.
    /// </summary>
    public Uri? ControlUrl { get; set; }

    /// <summary>Returns the simulator's options for these settings, on a loopback port.</summary>
    public SimulatorOptions ToSimulatorOptions() => new()
    {
        Port = Port,
        StartDate = StartDate,
        StartTime = StartTime,
        Speed = Speed,
        Loop = Loop,
        Mode = Mode,
    };
}
