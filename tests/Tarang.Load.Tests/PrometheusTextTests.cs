namespace Tarang.Load.Tests;

public class PrometheusTextTests
{
    private const string Scrape = """
        # HELP dotnet_gc_last_collection_heap_size_bytes The managed GC heap size after the last GC.
        # TYPE dotnet_gc_last_collection_heap_size_bytes gauge
        dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="gen0"} 1000 1733356800000
        dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="gen2"} 2.5e3
        dotnet_gc_last_collection_heap_size_bytes{gc_heap_generation="loh"} 500
        tarang_feed_ticks_total{kind="quote",note="a b}c"} 42
        process_threads 17
        bad_line
        """;

    [Fact]
    public void Sum_AddsEveryLabelSet()
    {
        var samples = PrometheusText.Parse(Scrape);

        Assert.Equal(4_000, PrometheusText.Sum(samples, "dotnet_gc_last_collection_heap_size"));
    }

    [Fact]
    public void Parse_ReadsLabelValuesWithSpacesAndBraces()
    {
        var samples = PrometheusText.Parse(Scrape);

        var ticks = Assert.Single(samples, s => s.Name == "tarang_feed_ticks_total");
        Assert.Equal(42, ticks.Value);
        Assert.Equal("kind=\"quote\",note=\"a b}c\"", ticks.Labels);
    }

    [Fact]
    public void Parse_ReadsUnlabelledSamplesAndSkipsComments()
    {
        var samples = PrometheusText.Parse(Scrape);

        Assert.Equal(17, Assert.Single(samples, s => s.Name == "process_threads").Value);
        Assert.Equal(5, samples.Count);
    }

    [Fact]
    public void Sum_OfMissingMetric_IsNull()
    {
        Assert.Null(PrometheusText.Sum(PrometheusText.Parse(Scrape), "tarang_hub_connections"));
    }
}
