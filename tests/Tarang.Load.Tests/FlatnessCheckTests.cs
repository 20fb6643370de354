namespace Tarang.Load.Tests;

public class FlatnessCheckTests
{
    [Fact]
    public void NoisySteadySeries_IsFlat()
    {
        var points = Enumerable.Range(0, 120).Select(i => (i * 10.0, 100.0 + (i % 2 == 0 ? 2 : -2))).ToArray();

        var verdict = FlatnessCheck.Judge("heap", points)!;

        Assert.True(verdict.WithinBand);
        Assert.True(verdict.NoTrend);
        Assert.Equal(2, verdict.MaxDeviationPercent, precision: 2);
    }

    [Fact]
    public void SlowClimbInsideBand_FailsTrend()
    {
        // 96 to 104 over the window: every point within 4 % of the mean of 100, but the line rises 8 %.
        var points = Enumerable.Range(0, 121).Select(i => (i * 10.0, 96.0 + (8.0 * i / 120))).ToArray();

        var verdict = FlatnessCheck.Judge("heap", points)!;

        Assert.True(verdict.WithinBand);
        Assert.False(verdict.NoTrend);
        Assert.Equal(8, verdict.TrendPercent, precision: 1);
        Assert.False(verdict.Flat);
    }

    [Fact]
    public void SingleSpike_FailsBand()
    {
        var points = Enumerable.Range(0, 60).Select(i => (i * 10.0, i == 30 ? 130.0 : 100.0)).ToArray();

        var verdict = FlatnessCheck.Judge("rss", points)!;

        Assert.False(verdict.WithinBand);
        Assert.True(verdict.NoTrend);
    }

    [Fact]
    public void FallingSeries_FailsTrend()
    {
        var points = Enumerable.Range(0, 61).Select(i => (i * 10.0, 110.0 - (20.0 * i / 60))).ToArray();

        var verdict = FlatnessCheck.Judge("threads", points)!;

        Assert.True(verdict.TrendPercent < -5);
        Assert.False(verdict.NoTrend);
    }

    [Fact]
    public void TooFewPoints_GiveNoVerdict()
    {
        Assert.Null(FlatnessCheck.Judge("heap", [(0, 1), (10, 1)]));
    }

    [Fact]
    public void JudgeServer_UsesOnlyTheFinalWindow()
    {
        // A climb during the first 10 minutes, then steady for 20: only the steady part is judged.
        var samples = Enumerable.Range(0, 181).Select(i => SampleAt(i * 10.0, i < 60 ? 50_000_000 + (i * 1_000_000) : 110_000_000)).ToArray();

        var verdicts = FlatnessCheck.JudgeServer(samples, TimeSpan.FromMinutes(20));

        var resident = Assert.Single(verdicts, v => v.Series.StartsWith("server working set", StringComparison.Ordinal));
        Assert.True(resident.Flat);
        Assert.Equal(121, resident.Points);
        Assert.DoesNotContain(verdicts, v => v.Series.StartsWith("server managed heap", StringComparison.Ordinal));
    }

    [Fact]
    public void Settled_LeavesOutOutagesAndReturn()
    {
        // Two cycles: demand 0-290 s, outage 300-310 s, demand again from 320 s.
        var samples = Enumerable.Range(0, 61).Select(i =>
        {
            var seconds = i * 10.0;
            var (phase, started) = seconds switch
            {
                < 300 => ("demand", 0.0),
                < 320 => ("outage", 300.0),
                _ => ("demand", 320.0),
            };
            return SampleAt(seconds, 100_000_000) with { Phase = phase, SecondsInPhase = seconds - started };
        }).ToArray();

        var settled = FlatnessCheck.Settled(samples, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));

        Assert.Equal(120, settled[0].ElapsedSeconds);
        Assert.DoesNotContain(settled, s => s.ElapsedSeconds is >= 300 and < 440);
        Assert.Contains(settled, s => s.ElapsedSeconds == 440);
        Assert.Equal(600, settled[^1].ElapsedSeconds);
        Assert.Equal(18 + 17, settled.Count);
    }

    [Fact]
    public void JudgeServer_JudgesLiveMemoryAfterFullGc()
    {
        var samples = Enumerable.Range(0, 10).Select(i => SampleAt(i * 10.0, 100_000_000) with { ServerLiveAfterFullGcBytes = 38_000_000 + (i % 2 * 1_000_000) }).ToArray();

        var verdicts = FlatnessCheck.JudgeServer(samples, TimeSpan.FromMinutes(20));

        var live = Assert.Single(verdicts, v => v.Series.StartsWith("server managed memory live", StringComparison.Ordinal));
        Assert.True(live.Flat);
        Assert.Equal(10, live.Points);
    }

    private static Sample SampleAt(double seconds, long resident) => new()
    {
        ElapsedSeconds = seconds,
        Phase = "demand",
        ServerResidentBytes = resident,
        ServerThreads = 30,
        ServerHandles = 400,
        DeliveredUpdatesPerSecond = 0,
        FastConnected = 0,
        StalledOpen = 0,
        FastDisconnects = 0,
        StalledDisconnects = 0,
        ToolManagedBytes = 0,
        ToolResidentBytes = 0,
    };
}
