using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Tarang.Load;

/// <summary>
/// The managed heap right after a full collection. <see cref="HeapBytes"/> is the generations'
/// sizes, including free space the collection left in place when it swept rather than compacted.
/// <see cref="LiveBytes"/> is what survived: the memory the process still references.
/// </summary>
internal sealed record HeapAfterCollection(long HeapBytes, long LiveBytes);

/// <summary>
/// Makes the server process run a full blocking garbage collection through the .NET diagnostics
/// port, as dotnet-gcdump does, and reads the heap size after it from the runtime's own events.
/// An EventPipe session that enables the runtime provider's GCHeapCollect keyword makes the runtime
/// collect every generation. The size after it is the memory the server still references, without
/// the garbage that gen0 and gen1 collections leave in the older generations.
/// </summary>
internal sealed class FullCollection(int processId)
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x80_0000;

    private readonly DiagnosticsClient client = new(processId);

    /// <summary>
    /// Runs one full collection and returns the heap after it (all generations, the large and
    /// pinned object heaps included), or null when its events did not arrive within
    /// <paramref name="patience"/>.
    /// </summary>
    public async Task<HeapAfterCollection?> RunAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        EventPipeProvider[] providers = [new(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)];
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, cancellationToken).ConfigureAwait(false);
        var heapSize = new TaskCompletionSource<HeapAfterCollection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(() => ReadHeapSize(session.EventStream, heapSize), CancellationToken.None);
        try
        {
            return await heapSize.Task.WaitAsync(patience, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    // The server never calls GC.Collect, so an induced gen2 collection is the one this session requested.
    private static void ReadHeapSize(Stream events, TaskCompletionSource<HeapAfterCollection> heapSize)
    {
        using var source = new EventPipeEventSource(events);
        var induced = false;
        source.Clr.GCStart += data => induced |= data.Depth == 2 && data.Reason is GCReason.Induced or GCReason.InducedCompacting or GCReason.InducedNotForced;
        source.Clr.GCHeapStats += data =>
        {
            if (induced)
            {
                heapSize.TrySetResult(new HeapAfterCollection(
                    data.GenerationSize0 + data.GenerationSize1 + data.GenerationSize2 + data.GenerationSize3 + data.GenerationSize4,
                    data.TotalPromotedSize0 + data.TotalPromotedSize1 + data.TotalPromotedSize2 + data.TotalPromotedSize3 + data.TotalPromotedSize4));
            }
        };
        source.Process();
    }
}
