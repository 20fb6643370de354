using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tarang.Dhan.Credentials;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.MarketData;
using Tarang.Market.Prices;
using Tarang.Market.Time;

namespace Tarang.Dhan;

/// <summary>Registers the Dhan feed connection and the house credentials.</summary>
public static class DhanServiceCollectionExtensions
{
    /// <summary>The service key of the exchange-clock <see cref="TimeProvider"/>; the unkeyed one is the wall clock.</summary>
    public const string ExchangeClockKey = "ExchangeClock";

    /// <summary>
    /// Registers <see cref="DhanFeed"/>, <see cref="HouseCredentialStore"/> and the token renewal
    /// service, with <c>Dhan</c> and <c>Feed</c> options validated at host start. The host supplies
    /// an <see cref="IMarketUpdateSink"/> and an <see cref="ITickSizeLookup"/> (the instrument
    /// catalog). The feed does not connect at host start: call <see cref="DhanFeed.StartAsync"/>
    /// when market data is needed. Without registrations of their own, the wall clock and the
    /// exchange clock are <see cref="TimeProvider.System"/> and the calendar is the bundled NSE calendar.
    /// </summary>
    public static IServiceCollection AddDhanFeed(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DhanOptions>().Bind(configuration.GetSection(DhanOptions.SectionName)).ValidateOnStart();
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DhanOptions>, DhanOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton(ExchangeClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddSingleton(NseCalendar.Bundled);

        services.TryAddSingleton<HouseCredentialStore>();
        services.TryAddSingleton(provider => new DhanFeed(
            provider.GetRequiredService<IOptions<FeedOptions>>().Value,
            provider.GetRequiredService<IOptions<DhanOptions>>().Value.FeedUrl,
            provider.GetRequiredService<HouseCredentialStore>(),
            provider.GetRequiredService<IMarketUpdateSink>(),
            provider.GetRequiredService<ITickSizeLookup>(),
            new FeedClocks(
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredKeyedService<TimeProvider>(ExchangeClockKey),
                provider.GetRequiredService<NseCalendar>()),
            provider.GetRequiredService<ILogger<DhanFeed>>()));

        services.AddHttpClient(TokenRenewalClient.HttpClientName);
        services.TryAddSingleton<TokenRenewalClient>();
        services.AddHostedService<TokenRenewalService>();
        return services;
    }
}
