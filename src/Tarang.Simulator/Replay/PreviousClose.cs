namespace Tarang.Simulator.Replay;

/// <summary>A previous close in rupees and where it came from.</summary>
/// <param name="Price">The previous close in rupees.</param>
/// <param name="IsRecorded">
/// True when the recording contains it (option quotes, futures ticks). False when it is the last
/// bar close of the previous recorded trading day. That only approximates NSE's official close,
/// which is an average of the last half hour.
/// </param>
public readonly record struct PreviousClose(decimal Price, bool IsRecorded);
