using Microsoft.Extensions.Options;
using Tarang.Server.Candles;
using Tarang.Server.Feed;

namespace Tarang.Server.Extensions;

/// <summary>Registers the 1-minute candles the server builds from the feed.</summary>
public static class CandleServiceCollectionExtensions
{
    /// <summary>
    /// Registers the candle store as an observer of the latest values, the per-session candle
    /// holdings and the events that roll or clear the candles. Call after the feed supervisor.
    /// </summary>
    public static IServiceCollection AddCandles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CandleOptions>().Bind(configuration.GetSection(CandleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CandleOptions>, CandleOptionsValidator>();
        services.AddSingleton<CandleStore>();
        services.AddSingleton<IMarketStateObserver>(provider => provider.GetRequiredService<CandleStore>());
        services.AddSingleton<CandleHolds>();
        services.AddHostedService<CandleDayEvents>();
        return services;
    }
}
