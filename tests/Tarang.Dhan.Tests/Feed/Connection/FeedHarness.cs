using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tarang.Dhan.Credentials;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Dhan.Tests.Feed.Connection;

/// <summary>
/// A feed built through <c>AddDhanFeed</c> as a host builds it, with fake wall and exchange
/// clocks, a recording sink and a capturing logger.
/// </summary>
internal sealed class FeedHarness : IAsyncDisposable
{
    /// <summary>A JWT-shaped token, so a leak into a log is easy to spot.</summary>
    public const string Token = "eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjE3NzAwMDAwMDB9.c2VjcmV0LXNpZ25hdHVyZQ";

    public const string ClientId = "1100012345";

    private readonly ServiceProvider provider;

    private FeedHarness(ServiceProvider provider, IConfigurationRoot configuration, FakeTimeProvider wallClock, FakeTimeProvider exchangeClock, CapturingLoggerProvider logs)
    {
        this.provider = provider;
        Configuration = configuration;
        WallClock = wallClock;
        ExchangeClock = exchangeClock;
        Logs = logs;
        Feed = provider.GetRequiredService<DhanFeed>();
        Credentials = provider.GetRequiredService<HouseCredentialStore>();
        Sink = (RecordingSink)provider.GetRequiredService<IMarketUpdateSink>();
        Feed.StateChanged += (_, e) =>
        {
            lock (States)
            {
                States.Add(e.Current);
            }
        };
    }

    /// <summary>Friday 2026-02-06 11:00 IST: a trading day, market open.</summary>
    public static DateTimeOffset MarketOpen { get; } = Ist.At(new DateOnly(2026, 2, 6), new TimeOnly(11, 0));

    /// <summary>Thursday 2026-02-05 20:00 IST: a trading day, market closed.</summary>
    public static DateTimeOffset EveningAfterClose { get; } = Ist.At(new DateOnly(2026, 2, 5), new TimeOnly(20, 0));

    public DhanFeed Feed { get; }

    public HouseCredentialStore Credentials { get; }

    public RecordingSink Sink { get; }

    public FakeTimeProvider WallClock { get; }

    public FakeTimeProvider ExchangeClock { get; }

    public CapturingLoggerProvider Logs { get; }

    public IConfigurationRoot Configuration { get; }

    public IServiceProvider Services => provider;

    /// <summary>Every state the feed reported, in order.</summary>
    public List<FeedState> States { get; } = [];

    public static FeedHarness Create(Uri feedUrl, Action<Dictionary<string, string?>>? configure = null, DateTimeOffset? exchangeTime = null, string token = Token, DateTimeOffset? wallClockStart = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dhan:FeedUrl"] = feedUrl.ToString(),
            ["Dhan:RestBaseUrl"] = "http://127.0.0.1:9",
            ["Dhan:ClientId"] = ClientId,
            ["Dhan:AccessToken"] = token,
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var wallClock = new FakeTimeProvider(wallClockStart ?? RandomWallClockStart());
        var exchangeClock = new FakeTimeProvider(exchangeTime ?? MarketOpen);
        var logs = new CapturingLoggerProvider();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(wallClock);
        services.AddKeyedSingleton<TimeProvider>(DhanServiceCollectionExtensions.ExchangeClockKey, exchangeClock);
        services.AddSingleton<IMarketUpdateSink, RecordingSink>();
        services.AddSingleton<ITickSizeLookup, AnyTickSize>();
        services.AddDhanFeed(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new FeedHarness(provider, configuration, wallClock, exchangeClock, logs);
    }

    /// <summary>Returns a random whole second in 2030–2031, so a test that reads the real clock fails.</summary>
    public static DateTimeOffset RandomWallClockStart() =>
        new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(Random.Shared.Next(365 * 24 * 3600));

    public static List<InstrumentKey> Instruments(int count, ExchangeSegment segment = ExchangeSegment.NseFno, uint first = 40_000) =>
        [.. Enumerable.Range(0, count).Select(i => new InstrumentKey(segment, first + (uint)i))];

    public FeedState State => Feed.GetStatus().State;

    public Task WaitForStateAsync(FeedState state) => TestWait.UntilAsync(() => State == state, $"the feed is {state} (it is {State})");

    /// <summary>Waits until the feed backs off and returns the delay it chose.</summary>
    public async Task<TimeSpan> WaitForBackoffAsync()
    {
        await WaitForStateAsync(FeedState.BackingOff);
        var retryAt = Feed.GetStatus().NextRetryAt;
        Assert.NotNull(retryAt);
        return retryAt.Value - WallClock.GetUtcNow();
    }

    public async ValueTask DisposeAsync()
    {
        using var cancellation = new CancellationTokenSource(TestWait.Timeout);
        await Feed.StopAsync(cancellation.Token);
        await provider.DisposeAsync();
    }
}
