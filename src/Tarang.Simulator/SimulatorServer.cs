using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tarang.Dhan.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Control;
using Tarang.Simulator.Feed;
using Tarang.Simulator.Recording;
using Tarang.Simulator.Replay;
using Tarang.Simulator.Rest;
using Tarang.Simulator.Synthetic;

namespace Tarang.Simulator;

/// <summary>
/// Starts the simulator: Kestrel on a loopback address serving Dhan's feed WebSocket at <c>/</c>,
/// Dhan's data REST API under <c>/v2</c> and the control hooks under <c>/control</c>.
/// </summary>
public static class SimulatorServer
{
    // The master and the recordings never change, so every simulator in a process shares one copy.
    private static readonly Lazy<BundledInstrumentMaster> Master = new(() => BundledInstrumentMaster.Load());
    private static readonly Lazy<MarketRecording> Recording = new(() => MarketRecording.Load(Master.Value));

    /// <summary>Validates the options, loads the recordings, binds Kestrel and starts the exchange clock.</summary>
    /// <param name="options">The settings; validated before anything starts.</param>
    /// <param name="loggerFactory">Where the simulator logs; null logs nothing.</param>
    /// <param name="wallClock">The wall clock behind the exchange clock, rate limits and timers; null is the system clock.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names each bad setting.</exception>
    public static async Task<RunningSimulator> StartAsync(
        SimulatorOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? wallClock = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        wallClock ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Tarang.Simulator");

        var master = Master.Value;
        var recording = Recording.Value;
        var calendar = NseCalendar.Bundled;
        var days = options.Days.Count > 0 ? options.Days : recording.Dates.Where(calendar.IsTradingDay).ToArray();
        var clock = new ReplayClock(
            new ReplayClockOptions
            {
                Days = days,
                StartDate = options.StartDate,
                StartTime = options.StartTime,
                Speed = options.Speed,
                Loop = options.Loop,
                ClosedPeriod = options.ClosedPeriod,
                SquareOffTime = options.SquareOffTime,
            },
            calendar,
            wallClock);
        clock.SquareOff += (_, e) => Log.ClockEvent(logger, "square-off", e.Date, e.Instant, e.Epoch);
        clock.EndOfDay += (_, e) => Log.ClockEvent(logger, "end of day", e.Date, e.Instant, e.Epoch);
        clock.EpochStarted += (_, e) => Log.ClockEvent(logger, "new epoch", e.Date, e.Instant, e.Epoch);

        var engine = new ReplayEngine(recording, master.Catalog, calendar, options.TicksPerMinute, options.Seed);
        var synthetic = options.Mode == SimulatorMode.Synthetic
            ? new SyntheticMarket(master.Catalog, options.SyntheticInstrumentCount, options.SyntheticTicksPerSecond, options.Seed)
            : null;

        // An empty builder reads no appsettings, environment variables or arguments: embedded in
        // the server it must not pick up the server's URLs or settings. It runs inside its
        // owner's lifetime, so it neither handles Ctrl+C nor prints lifetime messages.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<ILoggerFactory>(new SimulatorLoggerFactory(loggerFactory));
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddRouting();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(options.ListenAddress, options.Port));
        var app = builder.Build();
        app.UseWebSockets();

        var requests = new FeedRequestCounters();
        var feedContext = new FeedContext(options, clock, wallClock, engine, synthetic, requests);
        var registry = new FeedConnectionRegistry(options.MaxConnectionsPerClient);
        var handshake = new HandshakeControl(wallClock);
        var feed = new FeedEndpoint(feedContext, registry, handshake, logger);
        app.Map("/", feed.HandleAsync);
        DhanRestEndpoints.Map(app, new DhanRestContext(options, clock, wallClock, engine, master.Catalog, logger));
        ControlEndpoints.Map(app, new ControlContext(options, clock, registry, requests, handshake, synthetic, logger));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            clock.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        IDisposable? clockReport = options.ClockLogInterval > TimeSpan.Zero
            ? wallClock.CreateTimer(_ => ReportClock(logger, clock), null, TimeSpan.Zero, options.ClockLogInterval)
            : null;

        var running = new RunningSimulator(app, baseUrl, options, clock, engine, clockReport);
        Log.Started(logger, running.FeedUrl, running.RestBaseUrl, running.ControlUrl, options.Mode);
        return running;
    }

    private static void ReportClock(ILogger logger, ReplayClock clock)
    {
        var snapshot = clock.GetSnapshot();
        Log.ClockReport(logger, snapshot.Instant, snapshot.Epoch, snapshot.Speed, snapshot.Status);
    }
}
