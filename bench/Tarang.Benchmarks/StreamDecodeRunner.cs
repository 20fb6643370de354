using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tarang.Dhan.Feed;

namespace Tarang.Benchmarks;

/// <summary>
/// Decodes a benchmark stream file pass after pass, the way ref_decode.c measures the C
/// reference: framing, header checks, field extraction and checksum folding are timed, reading
/// the file is not. Prints the checksums as JSON and the median pass.
/// </summary>
internal static class StreamDecodeRunner
{
    private const int WarmupPasses = 5;

    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("Usage: decode-stream STREAM [--passes N] [--mode raw|rounded|both]");
            return 2;
        }

        var path = args[0];
        var passes = IntOption(args, "--passes", 30);
        var mode = StringOption(args, "--mode", "both");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"Stream file '{path}' was not found; write one with gen_stream.py of the feed-decode benchmark.");
            return 2;
        }

        var stream = FeedStream.Read(path);
        var messages = stream.CountMessages();
        Console.WriteLine($"stream: {path}, {messages} messages, {stream.Bytes.Length} bytes, {passes} timed passes after {WarmupPasses} warm-up passes");

        if (mode is "raw" or "both")
        {
            Measure("raw", stream, messages, passes, DecodeRaw);
        }

        if (mode is "rounded" or "both")
        {
            var ticks = stream.BuildTickTable();
            Measure("rounded", stream, messages, passes, (s, sums, counters) => DecodeRounded(s, sums, counters, ticks));
        }

        return 0;
    }

    private static long DecodeRaw(FeedStream stream, StreamChecksums sums, FeedDecodeCounters counters)
    {
        var handler = new RawChecksumHandler(sums);
        stream.Decode(ref handler, counters);
        return 0;
    }

    private static long DecodeRounded(
        FeedStream stream, StreamChecksums sums, FeedDecodeCounters counters, Tarang.Market.Prices.TickSizeTable ticks)
    {
        var converter = new MarketUpdateConverter<DecimalChecksumSink>(ticks, new DecimalChecksumSink(sums));
        stream.Decode(ref converter, counters);
        return converter.UnknownInstruments;
    }

    private static void Measure(
        string name, FeedStream stream, int messages, int passes, Func<FeedStream, StreamChecksums, FeedDecodeCounters, long> decode)
    {
        // One counters object for every pass, created outside the timed region like the checksums,
        // so the bytes measured per pass are the decoder's own.
        var counters = new FeedDecodeCounters();
        var first = new StreamChecksums();
        var unknown = decode(stream, first, counters);
        Console.WriteLine(JsonSerializer.Serialize(new { impl = "tarang-" + name, checksums = first.ToDictionary() }));
        if (unknown != 0)
        {
            Console.WriteLine($"{name}: {unknown} packets had no tick size and were dropped");
        }

        for (var i = 0; i < WarmupPasses; i++)
        {
            decode(stream, new StreamChecksums(), counters);
        }

        var nanosPerPacket = new List<double>(passes);
        var bytesPerPacket = new List<double>(passes);
        for (var i = 0; i < passes; i++)
        {
            var sums = new StreamChecksums();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            decode(stream, sums, counters);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            nanosPerPacket.Add(elapsed.TotalNanoseconds / messages);
            bytesPerPacket.Add((double)allocated / messages);
        }

        var median = Median(nanosPerPacket);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: median {1e3 / median:F1} M packets/s, {median:F2} ns/packet, {Median(bytesPerPacket):F4} bytes allocated/packet (min {nanosPerPacket.Min():F2}, max {nanosPerPacket.Max():F2} ns)"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }

    private static string StringOption(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
