using System.Globalization;

namespace Tarang.Load;

/// <summary>What the tool runs: a fixed-population load run or a soak with churn.</summary>
internal enum RunKind
{
    Load,
    Soak,
}

/// <summary>The tool's settings, read from the command line. Durations are TimeSpan text (<c>00:10:00</c>).</summary>
internal sealed record LoadToolOptions
{
    public const string Usage = """
        Usage: Tarang.Load load|soak [options]
          --clients N                 hub clients in all, stalled ones included (load 1000, soak 200)
          --instruments-per-client N  instruments each client subscribes (20)
          --stalled-share F           share of clients that stop reading their socket, 0 to 1 (0.1)
          --universe N                synthetic instruments the simulator ticks (2000)
          --ticks-per-second N        upstream ticks per second over the whole universe (2000)
          --duration T                measured time after the clients are connected (load 00:10:00, soak 00:30:00)
          --warmup T                  time after connecting before measuring starts (00:00:10)
          --sample-interval T         time between two samples of the server process (00:00:10)
          --seed N                    seed of the instrument choice and the churn (1)
          --mode ticker|quote|full    subscription mode (quote)
          --output FILE               the JSON report (load-report.json or soak-report.json)
          --server-dll FILE           the server to run (Tarang.Server.dll beside the tool)
          --connect-concurrency N     connections opened at once during the set-up (16)
          --server-setting KEY=VALUE  a server setting such as Push:StalledClientTimeout=00:00:05 (repeatable)
          --server-log FILE           also write every line the server logs to FILE
        Soak only:
          --feed-cycle T              time with demand between two feed outages (00:05:00)
          --grace T                   the server's Feed:DisconnectGracePeriod (00:00:05)
          --flat-window T             the final window judged for flatness (00:20:00)
          --churn-per-second N        logins, logouts, reconnects and subscription changes per second (1)
          --settle T                  time after demand returns before samples count as settled (00:02:00)
          --full-gc on|off            run a full GC in the server before each heap reading (on)
        """;

    public RunKind Kind { get; init; }

    public int Clients { get; init; } = 1_000;

    public int InstrumentsPerClient { get; init; } = 20;

    /// <summary>Share of <see cref="Clients"/> that are raw WebSocket clients which stop reading, 0 to 1.</summary>
    public double StalledShare { get; init; } = 0.1;

    public int Universe { get; init; } = 2_000;

    public int TicksPerSecond { get; init; } = 2_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int Seed { get; init; } = 1;

    /// <summary>The hub's subscription mode name: <c>ticker</c>, <c>quote</c> or <c>full</c>.</summary>
    public string Mode { get; init; } = "quote";

    public string Output { get; init; } = "load-report.json";

    public string? ServerDll { get; init; }

    public int ConnectConcurrency { get; init; } = 16;

    /// <summary>Extra server settings, <c>KEY=VALUE</c>, passed as <c>--KEY=VALUE</c> after the tool's own.</summary>
    public IReadOnlyList<string> ServerSettings { get; init; } = [];

    /// <summary>A file that receives every line the server writes; null keeps only the last lines.</summary>
    public string? ServerLog { get; init; }

    public TimeSpan FeedCycle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The server's <c>Feed:DisconnectGracePeriod</c> during a soak.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan FlatWindow { get; init; } = TimeSpan.FromMinutes(20);

    public int ChurnPerSecond { get; init; } = 1;

    /// <summary>
    /// Whether a soak makes the server run a full collection before reading its heap at each
    /// sample, so the heap series shows referenced memory rather than uncollected garbage.
    /// </summary>
    public bool FullCollections { get; init; } = true;

    /// <summary>Time after demand returns before a soak's samples count as settled.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMinutes(2);

    public int StalledClients => (int)Math.Round(Clients * StalledShare, MidpointRounding.AwayFromZero);

    public int FastClients => Clients - StalledClients;

    /// <summary>Reads the command line; on failure returns false with a message naming the option.</summary>
    public static bool TryParse(string[] args, out LoadToolOptions options, out string error)
    {
        options = new LoadToolOptions();
        error = "";
        if (args.Length == 0 || args[0] is not ("load" or "soak"))
        {
            error = "The first argument must be 'load' or 'soak'.";
            return false;
        }

        var soak = args[0] == "soak";
        var current = soak
            ? new LoadToolOptions { Kind = RunKind.Soak, Clients = 200, Duration = TimeSpan.FromMinutes(30), Output = "soak-report.json" }
            : new LoadToolOptions { Kind = RunKind.Load };
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            var parsed = name switch
            {
                "--clients" => TryInt(value, 1, 100_000, v => current = current with { Clients = v }),
                "--instruments-per-client" => TryInt(value, 1, 1_000, v => current = current with { InstrumentsPerClient = v }),
                "--stalled-share" => TryShare(value, v => current = current with { StalledShare = v }),
                "--universe" => TryInt(value, 1, 100_000, v => current = current with { Universe = v }),
                "--ticks-per-second" => TryInt(value, 1, 10_000_000, v => current = current with { TicksPerSecond = v }),
                "--duration" => TrySpan(value, v => current = current with { Duration = v }),
                "--warmup" => TrySpan(value, v => current = current with { Warmup = v }, allowZero: true),
                "--sample-interval" => TrySpan(value, v => current = current with { SampleInterval = v }),
                "--seed" => TryInt(value, int.MinValue, int.MaxValue, v => current = current with { Seed = v }),
                "--mode" => TryMode(value, v => current = current with { Mode = v }),
                "--output" => TrySet(value.Length > 0, () => current = current with { Output = value }),
                "--server-dll" => TrySet(File.Exists(value), () => current = current with { ServerDll = Path.GetFullPath(value) }),
                "--connect-concurrency" => TryInt(value, 1, 1_000, v => current = current with { ConnectConcurrency = v }),
                "--server-log" => TrySet(value.Length > 0, () => current = current with { ServerLog = Path.GetFullPath(value) }),
                "--server-setting" => TrySet(value.IndexOf('=', StringComparison.Ordinal) > 0, () => current = current with { ServerSettings = [.. current.ServerSettings, value] }),
                "--feed-cycle" when soak => TrySpan(value, v => current = current with { FeedCycle = v }),
                "--grace" when soak => TrySpan(value, v => current = current with { Grace = v }),
                "--flat-window" when soak => TrySpan(value, v => current = current with { FlatWindow = v }),
                "--churn-per-second" when soak => TryInt(value, 0, 100, v => current = current with { ChurnPerSecond = v }),
                "--settle" when soak => TrySpan(value, v => current = current with { Settle = v }, allowZero: true),
                "--full-gc" when soak => TrySet(value is "on" or "off", () => current = current with { FullCollections = value == "on" }),
                _ => (bool?)null,
            };
            if (parsed is null)
            {
                error = $"{name} is not an option of '{args[0]}'.";
                return false;
            }

            if (parsed == false)
            {
                error = $"'{value}' is not a valid value for {name}; see the usage below.";
                return false;
            }
        }

        if (current.InstrumentsPerClient > current.Universe)
        {
            error = $"--instruments-per-client ({current.InstrumentsPerClient}) must not exceed --universe ({current.Universe}).";
            return false;
        }

        if (current.Kind == RunKind.Soak && current.FlatWindow > current.Duration)
        {
            error = $"--flat-window ({current.FlatWindow}) must not exceed --duration ({current.Duration}).";
            return false;
        }

        options = current;
        return true;
    }

    private static bool TrySet(bool ok, Action apply)
    {
        if (ok)
        {
            apply();
        }

        return ok;
    }

    private static bool TryInt(string value, int min, int max, Action<int> apply) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            && TrySet(true, () => apply(parsed));

    private static bool TryShare(string value, Action<double> apply) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 1
            && TrySet(true, () => apply(parsed));

    private static bool TrySpan(string value, Action<TimeSpan> apply, bool allowZero = false) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && (parsed > TimeSpan.Zero || (allowZero && parsed == TimeSpan.Zero))
            && TrySet(true, () => apply(parsed));

    private static bool TryMode(string value, Action<string> apply) =>
        value is "ticker" or "quote" or "full" && TrySet(true, () => apply(value));
}
