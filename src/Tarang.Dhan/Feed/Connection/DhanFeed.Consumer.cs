using System.Buffers;
using System.Threading.Channels;

namespace Tarang.Dhan.Feed.Connection;

public sealed partial class DhanFeed
{
    /// <summary>
    /// Queues a complete message for the consumer without waiting, so a slow consumer never holds
    /// up the receive loop, which is what replies to the server's pings. The buffer's whole length
    /// counts toward <see cref="FeedOptions.ReceiveQueueMaxBytes"/> until the consumer returns it.
    /// </summary>
    /// <returns>False when the queue is full by count or by bytes; the caller keeps the buffer and counts the drop.</returns>
    internal bool TryQueue(FeedRun run, FeedMessage message)
    {
        var bytes = message.Buffer!.Length;
        if (!Counters.TryReserveQueueBytes(bytes, Options.ReceiveQueueMaxBytes))
        {
            return false;
        }

        if (run.Queue.Writer.TryWrite(message))
        {
            return true;
        }

        Counters.ReleaseQueueBytes(bytes);
        return false;
    }

    /// <summary>Waits until the consumer has decoded every message queued before this call.</summary>
    internal static async Task DrainAsync(FeedRun run, CancellationToken cancellationToken)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await run.Queue.Writer.WriteAsync(new FeedMessage(null, null, 0, drained), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }

        await drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ConsumeAsync(FeedRun started)
    {
        var reader = started.Queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                if (message.Drained is { } drained)
                {
                    drained.TrySetResult();
                    continue;
                }

                try
                {
                    Decode(message);
                }
#pragma warning disable CA1031 // The host's sink may throw anything; one bad update must not end the feed.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Log.SinkFailed(logger, message.Connection!.Index, exception);
                }
                finally
                {
                    Counters.ReleaseQueueBytes(message.Buffer!.Length);
                    ArrayPool<byte>.Shared.Return(message.Buffer!);
                }
            }
        }
    }

    private void Decode(FeedMessage message)
    {
        var converter = new MarketUpdateConverter<ConnectionSink>(TickSizes, new ConnectionSink(message.Connection!, Sink));
        var faultsBefore = DecodeCounters.TotalFaults;
        try
        {
            FeedDecoder.Decode(message.Buffer.AsSpan(0, message.Length), ref converter, DecodeCounters);
        }
        finally
        {
            if (converter.UnknownInstruments > 0)
            {
                Counters.UnknownInstruments(converter.UnknownInstruments);
                if (unknownInstrumentsWarning.ShouldWrite(out var suppressed))
                {
                    Log.UnknownInstruments(logger, message.Connection!.Index, converter.UnknownInstruments, Counters.UnknownInstrumentPackets, suppressed, unknownInstrumentsWarning.Interval);
                }
            }

            var faults = DecodeCounters.TotalFaults - faultsBefore;
            if (faults > 0 && malformedWarning.ShouldWrite(out var suppressedMalformed))
            {
                Log.MalformedPackets(logger, message.Connection!.Index, faults, DescribeFaults(), suppressedMalformed, malformedWarning.Interval);
            }
        }
    }

    private string DescribeFaults() => string.Join(", ", Enum.GetValues<FeedDecodeFault>()
        .Select(fault => (Fault: fault, Count: DecodeCounters.FaultCount(fault)))
        .Where(entry => entry.Count > 0)
        .Select(entry => $"{entry.Fault} {entry.Count}"));
}
