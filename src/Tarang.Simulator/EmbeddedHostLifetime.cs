using Microsoft.Extensions.Hosting;

namespace Tarang.Simulator;

/// <summary>A host lifetime that leaves start and stop to the code that owns the simulator.</summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
