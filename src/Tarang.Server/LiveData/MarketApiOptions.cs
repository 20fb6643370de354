namespace Tarang.Server.LiveData;

/// <summary>
/// How the market REST routes hold instruments that a request names (section <c>MarketApi</c>).
/// Durations are TimeSpan text (<c>00:00:02</c>).
/// </summary>
public sealed class MarketApiOptions
{
    public const string SectionName = "MarketApi";

    /// <summary>Default <see cref="FirstDataWait"/>: 2 seconds, long enough for the feed's snapshot on subscribe.</summary>
    public static readonly TimeSpan DefaultFirstDataWait = TimeSpan.FromSeconds(2);

    /// <summary>Default <see cref="MaxInstrumentsPerRequest"/>.</summary>
    public const int DefaultMaxInstrumentsPerRequest = 50;

    /// <summary>Default <see cref="MaxHeldPerSession"/>.</summary>
    public const int DefaultMaxHeldPerSession = 100;

    /// <summary>
    /// How long a request waits for the first price of an instrument it has just started holding.
    /// Zero returns at once with whatever has arrived.
    /// </summary>
    public TimeSpan FirstDataWait { get; set; } = DefaultFirstDataWait;

    /// <summary>The maximum number of instruments one request may name (the batch quote and the <c>instruments</c> parameter).</summary>
    public int MaxInstrumentsPerRequest { get; set; } = DefaultMaxInstrumentsPerRequest;

    /// <summary>
    /// The maximum number of instruments the REST routes hold for one session. A request for one
    /// more releases the least recently requested. Must be at least <see cref="MaxInstrumentsPerRequest"/>.
    /// </summary>
    public int MaxHeldPerSession { get; set; } = DefaultMaxHeldPerSession;
}
