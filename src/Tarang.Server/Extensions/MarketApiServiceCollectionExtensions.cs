using Microsoft.Extensions.Options;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;

namespace Tarang.Server.Extensions;

/// <summary>Registers what the market REST routes (<c>/api/market</c>) need.</summary>
public static class MarketApiServiceCollectionExtensions
{
    /// <summary>Registers the <c>MarketApi</c> settings, the per-session holdings, the first-price signal and the feed-state history.</summary>
    public static IServiceCollection AddMarketApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MarketApiOptions>().Bind(configuration.GetSection(MarketApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MarketApiOptions>, MarketApiOptionsValidator>();
        services.AddSingleton<FirstQuoteSignal>();
        services.AddSingleton<IMarketStateObserver>(provider => provider.GetRequiredService<FirstQuoteSignal>());
        services.AddSingleton<RestHoldings>();
        services.AddSingleton<MarketReader>();
        services.AddSingleton<MarketDataSource>();
        services.AddSingleton<FeedStateHistory>();
        services.AddHostedService(provider => provider.GetRequiredService<FeedStateHistory>());
        return services;
    }
}
