using Microsoft.Extensions.Options;
using Tarang.Server.Watchlists;

namespace Tarang.Server.Extensions;

/// <summary>Registers users' watchlists: their settings, storage and feed holdings.</summary>
public static class WatchlistServiceCollectionExtensions
{
    /// <summary>Registers the watchlists; call after the sessions and the feed supervisor, which they follow.</summary>
    public static IServiceCollection AddWatchlists(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WatchlistOptions>().Bind(configuration.GetSection(WatchlistOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WatchlistOptions>, WatchlistOptionsValidator>();
        services.AddSingleton<WatchlistStore>();
        services.AddSingleton<WatchlistHoldings>();
        services.AddHostedService(provider => provider.GetRequiredService<WatchlistHoldings>());
        return services;
    }
}
