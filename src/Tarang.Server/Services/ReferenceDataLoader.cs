namespace Tarang.Server.Services;

/// <summary>Loads the reference data while the host starts, so the first request finds it ready.</summary>
internal sealed class ReferenceDataLoader(MarketReferenceData referenceData) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        referenceData.Load(cancellationToken);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
