using BenchmarkDotNet.Attributes;
using Tarang.Dhan.Feed;
using Tarang.Market.Prices;

namespace Tarang.Benchmarks;

/// <summary>
/// Decodes the stream file named by the TARANG_FEED_STREAM environment variable: (a) raw
/// decoding into structs, (b) decoding plus rounding every price to its tick as decimal.
/// The reported time is per message, since one invocation decodes the whole stream.
/// </summary>
[MemoryDiagnoser]
public class FeedDecodeBenchmarks
{
    public const string StreamVariable = "TARANG_FEED_STREAM";

    private FeedStream stream = null!;
    private TickSizeTable ticks = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable(StreamVariable);
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Set {StreamVariable} to a stream file written by gen_stream.py of the feed-decode benchmark (it was '{path}').");
        }

        stream = FeedStream.Read(path);
        ticks = stream.BuildTickTable();
    }

    [Benchmark(Baseline = true, Description = "(a) raw decode")]
    public long RawDecode()
    {
        var sums = new StreamChecksums();
        var handler = new RawChecksumHandler(sums);
        stream.Decode(ref handler, new FeedDecodeCounters());
        return sums.Count[2];
    }

    [Benchmark(Description = "(b) decode and round to decimal")]
    public long DecodeAndRound()
    {
        var sums = new StreamChecksums();
        var converter = new MarketUpdateConverter<DecimalChecksumSink>(ticks, new DecimalChecksumSink(sums));
        stream.Decode(ref converter, new FeedDecodeCounters());
        return sums.Count[2];
    }
}
