using Microsoft.Extensions.Options;
using Tarang.Dhan;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;
using Tarang.Server.Feed;
using Tarang.Server.Options;
using Tarang.Server.Services;
using Tarang.Simulator;

namespace Tarang.Server.Extensions;

/// <summary>Registers the server's services, each area in one method.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddReferenceData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InstrumentsOptions>()
            .Bind(configuration.GetSection(InstrumentsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InstrumentsOptions>, InstrumentsOptionsValidator>();

        services.AddOptions<CalendarOptions>()
            .Bind(configuration.GetSection(CalendarOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>();

        services.AddSingleton<MarketReferenceData>();
        services.AddHostedService<ReferenceDataLoader>();
        services.AddHealthChecks().AddCheck<ReferenceDataHealthCheck>("reference-data", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Registers the market-data source and the exchange clock (keyed
    /// <see cref="DhanServiceCollectionExtensions.ExchangeClockKey"/>). With <c>Market:Source=Simulator</c>:
    /// the embedded simulator and its replay clock, or, when <c>Dhan:FeedUrl</c> names a standalone
    /// simulator, that simulator's clock followed through <c>Simulator:ControlUrl</c>. With Dhan
    /// the exchange clock is the wall clock.
    /// </summary>
    public static IServiceCollection AddMarketSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MarketOptions>().Bind(configuration.GetSection(MarketOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SimulatorSettings>().Bind(configuration.GetSection(SimulatorSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorSettings>, SimulatorSettingsValidator>();

        var market = configuration.GetSection(MarketOptions.SectionName).Get<MarketOptions>() ?? new MarketOptions();

        // The binder accepts any number for an enum, so "Market:Source=7" would otherwise mean Dhan.
        if (!Enum.IsDefined(market.Source))
        {
            throw new InvalidOperationException($"Market:Source is '{configuration[$"{MarketOptions.SectionName}:{nameof(MarketOptions.Source)}"]}'; set it to Simulator or Dhan.");
        }

        var standaloneSimulator = !string.IsNullOrEmpty(configuration[$"{DhanOptions.SectionName}:{nameof(DhanOptions.FeedUrl)}"]);
        if (market.Source == MarketSource.Simulator && !standaloneSimulator)
        {
            services.AddSingleton<EmbeddedSimulator>();
            services.AddHostedService<EmbeddedSimulatorLifetime>();
            services.AddKeyedSingleton<TimeProvider>(DhanServiceCollectionExtensions.ExchangeClockKey, (provider, _) => provider.GetRequiredService<EmbeddedSimulator>().ExchangeClock);

            // The feed's endpoints and house credentials are the embedded simulator's; they are
            // read when the options are first used, after the simulator has started.
            services.AddOptions<DhanOptions>().PostConfigure<EmbeddedSimulator>((options, simulator) => simulator.ConfigureDhan(options));
        }
        else if (market.Source == MarketSource.Simulator)
        {
            services.AddHttpClient(nameof(FollowedSimulatorClock));
            services.AddSingleton<FollowedSimulatorClock>();
            services.AddHostedService<FollowedSimulatorClockLifetime>();
            services.AddKeyedSingleton<TimeProvider>(DhanServiceCollectionExtensions.ExchangeClockKey, (provider, _) => provider.GetRequiredService<FollowedSimulatorClock>().Clock);

            // A standalone simulator accepts its default credentials unless others are configured.
            services.AddOptions<DhanOptions>().PostConfigure(options =>
            {
                options.ClientId = string.IsNullOrWhiteSpace(options.ClientId) ? SimulatorOptions.DefaultClientId : options.ClientId;
                options.AccessToken = string.IsNullOrWhiteSpace(options.AccessToken) ? SimulatorOptions.DefaultAccessToken : options.AccessToken;
            });
        }
        else
        {
            services.AddKeyedSingleton<TimeProvider>(DhanServiceCollectionExtensions.ExchangeClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        }

        services.AddDhanFeed(configuration);
        return services;
    }

    /// <summary>
    /// Registers the feed supervisor, the subscription API and the latest-values cache the feed
    /// delivers to. Call after the sessions, because the supervisor follows them.
    /// </summary>
    public static IServiceCollection AddFeedSupervisor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedSupervisorOptions>().Bind(configuration.GetSection(FeedSupervisorOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedSupervisorOptions>, FeedSupervisorOptionsValidator>();
        services.AddSingleton<ITickSizeLookup>(provider => provider.GetRequiredService<MarketReferenceData>());
        services.AddSingleton(provider => new LatestValues(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetServices<IMarketStateObserver>));
        services.AddSingleton<IMarketUpdateSink>(provider => provider.GetRequiredService<LatestValues>());
        services.AddSingleton<MarketSubscriptions>();
        services.AddSingleton<LiveData.MarketState>();
        services.AddSingleton<FeedSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<FeedSupervisor>());
        return services;
    }
}
