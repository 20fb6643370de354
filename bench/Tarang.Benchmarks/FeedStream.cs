using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.Prices;

namespace Tarang.Benchmarks;

/// <summary>
/// A benchmark stream of feed messages: records of a little-endian u16 length followed by one
/// message, the format that gen_stream.py of the feed-decode benchmark writes.
/// </summary>
internal sealed class FeedStream(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public static FeedStream Read(string path) => new(File.ReadAllBytes(path));

    /// <summary>Counts the records in the stream.</summary>
    public int CountMessages()
    {
        var count = 0;
        for (var position = 0; position + 2 <= Bytes.Length; position += 2 + (Bytes[position] | (Bytes[position + 1] << 8)))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Builds the tick table the rounding stage needs: ₹0.01 for indices and ₹0.05 for the
    /// equities and F&amp;O contracts, the ticks gen_stream.py prices its instruments in.
    /// </summary>
    public TickSizeTable BuildTickTable()
    {
        var ticks = new Dictionary<InstrumentKey, TickSize>();
        var fiveTicks = TickSize.FromPaise(5);
        for (var position = 0; position + 2 <= Bytes.Length;)
        {
            var length = Bytes[position] | (Bytes[position + 1] << 8);
            var packet = Bytes.AsSpan(position + 2, length);
            position += 2 + length;
            if (packet.Length < FeedPacketLayout.HeaderSize || !ExchangeSegments.IsDefined(packet[3]))
            {
                continue;
            }

            var key = new InstrumentKey((ExchangeSegment)packet[3], BitConverter.ToUInt32(packet[4..8]));
            ticks[key] = key.Segment == ExchangeSegment.IdxI ? TickSize.OnePaisa : fiveTicks;
        }

        return new TickSizeTable(ticks);
    }

    /// <summary>Decodes every record into <paramref name="handler"/>.</summary>
    public void Decode<THandler>(ref THandler handler, FeedDecodeCounters counters)
        where THandler : IFeedPacketHandler
    {
        var bytes = Bytes.AsSpan();
        var position = 0;
        while (position + 2 <= bytes.Length)
        {
            var length = bytes[position] | (bytes[position + 1] << 8);
            FeedDecoder.Decode(bytes.Slice(position + 2, length), ref handler, counters);
            position += 2 + length;
        }
    }
}
