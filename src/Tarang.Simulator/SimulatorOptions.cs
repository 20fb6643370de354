using System.Net;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator;

/// <summary>
/// Settings of the simulator. Durations named for exchange time are replayed time; the others
/// are wall-clock time. <see cref="Validate"/> runs when the server starts.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>The default client id the feed and REST API accept.</summary>
    public const string DefaultClientId = "1100000001";

    /// <summary>The default access token the feed and REST API accept.</summary>
    public const string DefaultAccessToken = "simulator-access-token";

    /// <summary>The loopback address Kestrel binds: 127.0.0.1 or ::1.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 lets the operating system choose a free one.</summary>
    public int Port { get; init; }

    /// <summary>The replayed day the exchange clock starts on.</summary>
    public DateOnly StartDate { get; init; } = ReplayClockOptions.DefaultStartDate;

    /// <summary>The IST time of day the exchange clock starts at.</summary>
    public TimeOnly StartTime { get; init; } = ReplayClockOptions.DefaultStartTime;

    /// <summary>Exchange seconds per wall-clock second.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Whether the replay wraps from the last recorded day to the first, starting a new epoch.</summary>
    public bool Loop { get; init; } = true;

    /// <summary>Exchange time between the close and the next day's pre-open.</summary>
    public TimeSpan ClosedPeriod { get; init; } = ReplayClockOptions.DefaultClosedPeriod;

    /// <summary>The IST time of day of the square-off event.</summary>
    public TimeOnly SquareOffTime { get; init; } = ReplayClockOptions.DefaultSquareOffTime;

    /// <summary>The replayed days; empty means every recorded trading day.</summary>
    public IReadOnlyList<DateOnly> Days { get; init; } = [];

    /// <summary>Synthesised ticks per minute of a recorded bar, 4 to 60.</summary>
    public int TicksPerMinute { get; init; } = ReplayEngine.DefaultTicksPerMinute;

    /// <summary>The seed of the synthesised ticks and of the synthetic mode.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The client id that the feed handshake and the REST <c>client-id</c> header must carry.</summary>
    public string ClientId { get; init; } = DefaultClientId;

    /// <summary>The access token that the feed handshake and the REST <c>access-token</c> header must carry.</summary>
    public string AccessToken { get; init; } = DefaultAccessToken;

    /// <summary>Wall-clock time between the server's WebSocket pings; Dhan pings every 10 s.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wall-clock time without a pong after which the server aborts the socket; Dhan allows 40 s.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Wall-clock time between two checks of each connection for ticks that have come due.</summary>
    public TimeSpan PumpInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Connections per client id before the oldest is evicted with reason 805; Dhan allows 5.</summary>
    public int MaxConnectionsPerClient { get; init; } = 5;

    /// <summary>Instruments per subscribe or unsubscribe message; Dhan allows 100.</summary>
    public int MaxInstrumentsPerMessage { get; init; } = 100;

    /// <summary>Instruments per connection; Dhan allows 5,000.</summary>
    public int MaxInstrumentsPerConnection { get; init; } = 5_000;

    /// <summary>Market-quote requests (<c>/marketfeed/*</c>) per second; Dhan allows 1.</summary>
    public int QuoteRequestsPerSecond { get; init; } = 1;

    /// <summary>Data requests (<c>/charts/*</c>) per second; Dhan allows 5.</summary>
    public int DataRequestsPerSecond { get; init; } = 5;

    /// <summary>Wall-clock time before the same option-chain request may be repeated; Dhan allows one per 3 s.</summary>
    public TimeSpan OptionChainRepeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Replay the recordings, or run the synthetic high-rate random walk.</summary>
    public SimulatorMode Mode { get; init; } = SimulatorMode.Replay;

    /// <summary>Instruments of the synthetic mode: the first N equities of the bundled master.</summary>
    public int SyntheticInstrumentCount { get; init; } = 2_000;

    /// <summary>Total ticks per wall-clock second over all instruments in the synthetic mode.</summary>
    public int SyntheticTicksPerSecond { get; init; } = 10_000;

    /// <summary>Wall-clock time between two logs of the exchange clock; zero turns them off.</summary>
    public TimeSpan ClockLogInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Checks every setting and throws one exception that lists every bad value.</summary>
    /// <exception cref="ArgumentException">At least one setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Check(IPAddress.IsLoopback(ListenAddress), $"Simulator:ListenAddress must be a loopback address (127.0.0.1 or ::1), not {ListenAddress}.");
        Check(Port is >= 0 and <= 65_535, $"Simulator:Port must be 0 to 65535, not {Port}.");
        Check(Speed > 0 && !double.IsInfinity(Speed), $"Simulator:Speed must be a positive number, not {Speed}.");
        Check(TicksPerMinute is >= 4 and <= 60, $"Simulator:TicksPerMinute must be 4 to 60, not {TicksPerMinute}.");
        Check(!string.IsNullOrWhiteSpace(ClientId), "Simulator:ClientId must not be empty.");
        Check(!string.IsNullOrWhiteSpace(AccessToken), "Simulator:AccessToken must not be empty.");
        Check(PingInterval > TimeSpan.Zero, $"Simulator:PingInterval must be positive, not {PingInterval}.");
        Check(PongTimeout > PingInterval, $"Simulator:PongTimeout ({PongTimeout}) must be longer than Simulator:PingInterval ({PingInterval}).");
        Check(PumpInterval > TimeSpan.Zero, $"Simulator:PumpInterval must be positive, not {PumpInterval}.");
        Check(MaxConnectionsPerClient >= 1, $"Simulator:MaxConnectionsPerClient must be at least 1, not {MaxConnectionsPerClient}.");
        Check(MaxInstrumentsPerMessage >= 1, $"Simulator:MaxInstrumentsPerMessage must be at least 1, not {MaxInstrumentsPerMessage}.");
        Check(MaxInstrumentsPerConnection >= MaxInstrumentsPerMessage, $"Simulator:MaxInstrumentsPerConnection ({MaxInstrumentsPerConnection}) must be at least Simulator:MaxInstrumentsPerMessage ({MaxInstrumentsPerMessage}).");
        Check(QuoteRequestsPerSecond >= 1, $"Simulator:QuoteRequestsPerSecond must be at least 1, not {QuoteRequestsPerSecond}.");
        Check(DataRequestsPerSecond >= 1, $"Simulator:DataRequestsPerSecond must be at least 1, not {DataRequestsPerSecond}.");
        Check(OptionChainRepeatInterval >= TimeSpan.Zero, $"Simulator:OptionChainRepeatInterval must not be negative, not {OptionChainRepeatInterval}.");
        Check(SyntheticInstrumentCount >= 1, $"Simulator:SyntheticInstrumentCount must be at least 1, not {SyntheticInstrumentCount}.");
        Check(SyntheticTicksPerSecond >= 1, $"Simulator:SyntheticTicksPerSecond must be at least 1, not {SyntheticTicksPerSecond}.");
        Check(ClockLogInterval >= TimeSpan.Zero, $"Simulator:ClockLogInterval must not be negative, not {ClockLogInterval}.");

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid simulator settings: " + string.Join(" ", errors));
        }
    }
}
