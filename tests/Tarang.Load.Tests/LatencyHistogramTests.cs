namespace Tarang.Load.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_WithinOneBucketOfExact()
    {
        var histogram = new LatencyHistogram();
        for (var value = 1; value <= 100_000; value++)
        {
            histogram.Record(value);
        }

        Assert.Equal(100_000, histogram.Count);
        Assert.InRange(histogram.PercentileMicroseconds(50), 50_000, 50_000 * 1.016);
        Assert.InRange(histogram.PercentileMicroseconds(99), 99_000, 99_000 * 1.016);
        Assert.Equal(100_000, histogram.PercentileMicroseconds(100));
        Assert.Equal(100_000, histogram.MaxMicroseconds);
        Assert.Equal(50_000.5, histogram.MeanMicroseconds, precision: 3);
    }

    [Fact]
    public void SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in new[] { 0, 1, 2, 63 })
        {
            histogram.Record(value);
        }

        Assert.Equal(1, histogram.PercentileMicroseconds(50));
        Assert.Equal(63, histogram.PercentileMicroseconds(100));
    }

    [Fact]
    public void BucketBounds_CoverEveryValue()
    {
        foreach (var value in new long[] { 64, 65, 127, 128, 129, 1_000, 123_456, 10_000_000, 1L << 40 })
        {
            var index = LatencyHistogram.IndexOf(value);
            Assert.True(LatencyHistogram.UpperBoundOf(index) >= value, $"bucket {index} ends below {value}");
            Assert.True(LatencyHistogram.UpperBoundOf(index - 1) < value, $"bucket {index - 1} already holds {value}");
        }
    }

    [Fact]
    public void HugeValues_ShareTheTopBucket()
    {
        Assert.Equal(LatencyHistogram.IndexOf(1L << 41), LatencyHistogram.IndexOf(long.MaxValue));
    }

    [Fact]
    public void NegativeValue_CountedAsZero()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);

        Assert.Equal(1, histogram.Negative);
        Assert.Equal(0, histogram.PercentileMicroseconds(50));
    }

    [Fact]
    public void Add_MergesCountsAndMax()
    {
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        first.Record(10);
        second.Record(2_000);
        second.Record(3_000);

        first.Add(second);

        Assert.Equal(3, first.Count);
        Assert.Equal(3_000, first.MaxMicroseconds);
        Assert.InRange(first.PercentileMicroseconds(50), 2_000, 2_000 * 1.016);
    }

    [Fact]
    public void EmptyHistogram_ReportsZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.PercentileMicroseconds(99));
        Assert.Equal(0, histogram.MeanMicroseconds);
    }
}
