using Microsoft.Extensions.Options;
using Tarang.Dhan;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;
using Tarang.Server.Feed;
using Tarang.Server.Options;
using Tarang.Server.Services;

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
    /// Registers the market-data source: with <c>Market:Source=Simulator</c> the embedded
    /// simulator, whose replay clock becomes the exchange clock (keyed <see cref="DhanServiceCollectionExtensions.ExchangeClockKey"/>);
    /// with Dhan the exchange clock is the wall clock.
    /// </summary>
    public static IServiceCollection AddMarketSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MarketOptions>().Bind(configuration.GetSection(MarketOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SimulatorSettings>().Bind(configuration.GetSection(SimulatorSettings.SectionName));

        var market = configuration.GetSection(MarketOptions.SectionName).Get<MarketOptions>() ?? new MarketOptions();
        if (market.Source == MarketSource.Simulator)
        {
            services.AddSingleton<EmbeddedSimulator>();
            services.AddHostedService<EmbeddedSimulatorLifetime>();
            services.AddKeyedSingleton<TimeProvider>(DhanServiceCollectionExtensions.ExchangeClockKey, (provider, _) => provider.GetRequiredService<EmbeddedSimulator>().ExchangeClock);

            // The feed's endpoints and house credentials are the embedded simulator's; they are
            // read when the options are first used, after the simulator has started.
            services.AddOptions<DhanOptions>().PostConfigure<EmbeddedSimulator>((options, simulator) => simulator.ConfigureDhan(options));
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
        services.AddSingleton<LatestValues>();
        services.AddSingleton<IMarketUpdateSink>(provider => provider.GetRequiredService<LatestValues>());
        services.AddSingleton<MarketSubscriptions>();
        services.AddSingleton<FeedSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<FeedSupervisor>());
        return services;
    }
}
