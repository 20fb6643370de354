using Microsoft.Extensions.Options;
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
}
