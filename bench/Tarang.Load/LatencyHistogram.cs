namespace Tarang.Load;

/// <summary>
/// A fixed-size, thread-safe latency histogram in microseconds, laid out like HdrHistogram: exact
/// below 64 µs, then 64 linear buckets per power of two, so a percentile is within 1/64 (1.6 %)
/// of the true value. Memory stays at about 18 KB however many values it records. The maximum is
/// kept exactly.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;

    // Powers of two up to 2^40 µs (about 12 days) are counted; larger values land in the top bucket.
    private const int MaxExponent = 40;
    private const int BucketCount = SubBuckets + ((MaxExponent - SubBucketBits + 1) * SubBuckets);

    private readonly long[] counts = new long[BucketCount];
    private long count;
    private long sum;
    private long max;
    private long negative;

    public long Count => Interlocked.Read(ref count);

    /// <summary>Values below zero, recorded as zero; on one machine's clock they point at a wrong time stamp.</summary>
    public long Negative => Interlocked.Read(ref negative);

    public long MaxMicroseconds => Interlocked.Read(ref max);

    public double MeanMicroseconds => Count == 0 ? 0 : (double)Interlocked.Read(ref sum) / Count;

    public void Record(long microseconds)
    {
        if (microseconds < 0)
        {
            Interlocked.Increment(ref negative);
            microseconds = 0;
        }

        Interlocked.Increment(ref counts[IndexOf(microseconds)]);
        Interlocked.Increment(ref count);
        Interlocked.Add(ref sum, microseconds);

        var seen = Interlocked.Read(ref max);
        while (microseconds > seen)
        {
            var previous = Interlocked.CompareExchange(ref max, microseconds, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    /// <summary>Returns the upper bound of the bucket holding the given percentile (0 to 100), in microseconds; 0 when empty.</summary>
    public long PercentileMicroseconds(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100 * total);
        rank = Math.Clamp(rank, 1, total);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperBoundOf(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            var value = Interlocked.Read(ref other.counts[i]);
            if (value != 0)
            {
                Interlocked.Add(ref counts[i], value);
            }
        }

        Interlocked.Add(ref count, other.Count);
        Interlocked.Add(ref sum, Interlocked.Read(ref other.sum));
        Interlocked.Add(ref negative, other.Negative);
        var otherMax = other.MaxMicroseconds;
        var seen = Interlocked.Read(ref max);
        while (otherMax > seen)
        {
            var previous = Interlocked.CompareExchange(ref max, otherMax, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    internal static int IndexOf(long microseconds)
    {
        if (microseconds < SubBuckets)
        {
            return (int)microseconds;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(microseconds);
        if (exponent > MaxExponent)
        {
            return BucketCount - 1;
        }

        var subBucket = (int)(microseconds >> (exponent - SubBucketBits)) - SubBuckets;
        return SubBuckets + ((exponent - SubBucketBits) * SubBuckets) + subBucket;
    }

    internal static long UpperBoundOf(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var exponent = ((index - SubBuckets) / SubBuckets) + SubBucketBits;
        var subBucket = (index - SubBuckets) % SubBuckets;
        var width = 1L << (exponent - SubBucketBits);
        return ((SubBuckets + subBucket) * width) + width - 1;
    }
}
