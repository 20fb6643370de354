using Microsoft.Extensions.Options;
using Tarang.Server.Feed;
using Tarang.Server.Push;

namespace Tarang.Server.Extensions;

public static class PushServiceCollectionExtensions
{
    /// <summary>Registers the market hub (JSON and MessagePack), its connection registry and its limits.</summary>
    public static IServiceCollection AddPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PushOptions>()
            .Bind(configuration.GetSection(PushOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushOptions>, PushOptionsValidator>();
        services.AddSingleton<PushRegistry>();
        services.AddSingleton<IMarketStateObserver>(provider => provider.GetRequiredService<PushRegistry>());
        services.AddHostedService<PushShutdown>();
        var maxReceiveBytes = configuration.GetSection(PushOptions.SectionName).Get<PushOptions>()?.MaxReceiveMessageBytes ?? new PushOptions().MaxReceiveMessageBytes;
        services.AddSignalR(hub => hub.MaximumReceiveMessageSize = maxReceiveBytes)
            .AddJsonProtocol()
            .AddMessagePackProtocol(options => options.SerializerOptions = HubMessagePack.Options);
        return services;
    }

    /// <summary>Maps the market hub at <see cref="MarketHub.Path"/>.</summary>
    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder endpoints)
    {
        var push = endpoints.ServiceProvider.GetRequiredService<IOptions<PushOptions>>().Value;
        endpoints.MapHub<MarketHub>(MarketHub.Path, options => options.TransportSendTimeout = TransportSendTimeout(push));
        return endpoints;
    }

    /// <summary>
    /// SignalR's own limit on one socket send. Its default (10 s) would close a stalled client
    /// before the registry's <see cref="PushOptions.StalledClientTimeout"/> ran out, without the
    /// stalled warning or metric. The socket send blocks before the registry's send does, because
    /// the transport's buffer fills in between, so it gets twice the registry's limit. It remains the
    /// backstop for a client the registry sends nothing to.
    /// </summary>
    internal static TimeSpan TransportSendTimeout(PushOptions push) => (2 * push.StalledClientTimeout) + push.CloseTimeout;
}
