using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Tarang.Load;

/// <summary>
/// Makes the server process run a full blocking garbage collection through the .NET diagnostics
/// port, as dotnet-gcdump does: an EventPipe session that enables the runtime provider's
/// GCHeapCollect keyword makes the runtime collect every generation. The heap size after it is
/// the memory the server still references, without the garbage that gen0 and gen1 collections
/// leave in the older generations until the next gen2 collection.
/// </summary>
internal sealed class FullCollection(int processId)
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x80_0000;

    private readonly DiagnosticsClient client = new(processId);

    /// <summary>
    /// Starts a collection and waits until <paramref name="collected"/> reports it done (or
    /// <paramref name="patience"/> runs out), then ends the session. Returns whether it was seen.
    /// </summary>
    public async Task<bool> RunAsync(Func<CancellationToken, Task<bool>> collected, TimeSpan patience, CancellationToken cancellationToken)
    {
        EventPipeProvider[] providers = [new(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)];
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, cancellationToken).ConfigureAwait(false);

        // The session's events are not needed, but an unread stream would fill the buffer.
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        var seen = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(patience);
            try
            {
                while (!(seen = await collected(limit.Token).ConfigureAwait(false)))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        await session.StopAsync(cancellationToken).ConfigureAwait(false);
        await drain.ConfigureAwait(false);
        return seen;
    }
}
