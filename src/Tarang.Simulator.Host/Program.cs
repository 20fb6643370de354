using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Tarang.Simulator;

// Usage: dotnet run --project src/Tarang.Simulator.Host -- [--day 2026-02-06] [--time 10:47]
//   [--speed 1] [--urls http://127.0.0.1:5081] [--no-loop] [--synthetic [--instruments 2000] [--rate 10000]]
//   [--watch IDX_I:13,NSE_EQ:2885]
// or:    dotnet run --project src/Tarang.Simulator.Host -- watch FEED_URL IDX_I:13,NSE_EQ:2885
if (args.Length > 0 && args[0] == "watch")
{
    if (args.Length != 3 || !Uri.TryCreate(args[1], UriKind.Absolute, out var feedUrl) || !FeedWatcher.TryParseInstruments(args[2], out var watched))
    {
        Console.Error.WriteLine("Usage: Tarang.Simulator.Host watch ws://127.0.0.1:5081/?version=2&token=…&clientId=…&authType=2 IDX_I:13,NSE_EQ:2885");
        return 2;
    }

    using var watchStopping = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        watchStopping.Cancel();
    };
    try
    {
        await FeedWatcher.RunAsync(feedUrl, watched, Console.Out, watchStopping.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl+C.
    }
    catch (WebSocketException ex)
    {
        Console.Error.WriteLine($"The feed connection failed: {ex.Message}");
        return 1;
    }

    return 0;
}

if (!CommandLine.TryParse(args, out var options, out var watch, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss ";
    })
    .SetMinimumLevel(LogLevel.Information)
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

RunningSimulator simulator;
try
{
    simulator = await SimulatorServer.StartAsync(options, loggerFactory, cancellationToken: stopping.Token);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await using (simulator)
{
    Console.WriteLine($"Feed:    {simulator.FeedUrlFor(options.ClientId, options.AccessToken)}");
    Console.WriteLine($"REST:    {simulator.RestBaseUrl} (headers access-token: {options.AccessToken}, client-id: {options.ClientId})");
    Console.WriteLine($"Control: {simulator.ControlUrl}clock");
    Console.WriteLine(options.Mode == SimulatorMode.Synthetic
        ? $"Mode:    SYNTHETIC random walk over {options.SyntheticInstrumentCount} equities at {options.SyntheticTicksPerSecond} ticks/s; not market data."
        : $"Mode:    replay of recorded NSE days from {options.StartDate:yyyy-MM-dd} {options.StartTime:HH:mm} IST at {options.Speed}x.");
    Console.WriteLine("Press Ctrl+C to stop.");
    try
    {
        var watching = watch.Count > 0
            ? FeedWatcher.RunAsync(simulator.FeedUrlFor(options.ClientId, options.AccessToken), watch, Console.Out, stopping.Token)
            : Task.CompletedTask;
        await watching;
        await Task.Delay(Timeout.Infinite, stopping.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl+C.
    }
}

return 0;

/// <summary>Reads the host's command line into simulator options.</summary>
internal static class CommandLine
{
    public const string Usage =
        "Usage: Tarang.Simulator.Host [--day YYYY-MM-DD] [--time HH:MM[:SS]] [--speed N] [--urls http://127.0.0.1:PORT] [--no-loop] [--synthetic [--instruments N] [--rate TICKS_PER_SECOND]] [--watch IDX_I:13,NSE_EQ:2885]";

    public static bool TryParse(string[] args, out SimulatorOptions options, out List<Tarang.Market.Instruments.InstrumentKey> watch, out string error)
    {
        watch = [];
        var watched = watch;
        var current = new SimulatorOptions { ClockLogInterval = TimeSpan.FromSeconds(30), Port = 5081 };
        options = current;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--no-loop")
            {
                current = current with { Loop = false };
                continue;
            }

            if (name == "--synthetic")
            {
                current = current with { Mode = SimulatorMode.Synthetic };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            var ok = name switch
            {
                "--day" => TrySet(DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day), () => current = current with { StartDate = day }),
                "--time" => TrySet(TimeOnly.TryParse(value, CultureInfo.InvariantCulture, out var time), () => current = current with { StartTime = time }),
                "--speed" => TrySet(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed), () => current = current with { Speed = speed }),
                "--instruments" => TrySet(int.TryParse(value, CultureInfo.InvariantCulture, out var count), () => current = current with { SyntheticInstrumentCount = count }),
                "--rate" => TrySet(int.TryParse(value, CultureInfo.InvariantCulture, out var rate), () => current = current with { SyntheticTicksPerSecond = rate }),
                "--urls" => TrySetUrl(value, ref current),
                "--watch" => TrySet(FeedWatcher.TryParseInstruments(value, out var keys), () => watched.AddRange(keys)),
                _ => false,
            };
            if (!ok)
            {
                error = $"'{value}' is not a valid value for {name}, or {name} is not an option.";
                return false;
            }
        }

        options = current;
        return true;
    }

    private static bool TrySet(bool parsed, Action apply)
    {
        if (parsed)
        {
            apply();
        }

        return parsed;
    }

    private static bool TrySetUrl(string value, ref SimulatorOptions options)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        var address = url.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(url.Host.Trim('[', ']'), out var parsed) ? parsed : null;
        if (address is null)
        {
            return false;
        }

        options = options with { ListenAddress = address, Port = url.Port };
        return true;
    }
}
