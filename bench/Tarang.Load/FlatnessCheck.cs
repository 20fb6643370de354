namespace Tarang.Load;

/// <summary>
/// The verdict on one series over a window. <see cref="MaxDeviationPercent"/> is the largest
/// distance of a point from the mean; <see cref="TrendPercent"/> is the least-squares slope times
/// the window's length, both as a percentage of the mean.
/// </summary>
internal sealed record SeriesVerdict(
    string Series,
    int Points,
    double WindowSeconds,
    double Mean,
    double Min,
    double Max,
    double MaxDeviationPercent,
    double TrendPercent,
    bool WithinBand,
    bool NoTrend)
{
    public bool Flat => WithinBand && NoTrend;
}

/// <summary>
/// Judges whether a series is flat: every point within ±<see cref="BandPercent"/> % of the mean,
/// and the least-squares line's rise over the whole window under <see cref="TrendPercent"/> % of
/// the mean, in either direction. The second test catches a slow monotonic climb that stays
/// inside the band over the window but would leave it over a longer run.
/// </summary>
internal static class FlatnessCheck
{
    public const double BandPercent = 5;
    public const double TrendPercent = 5;

    /// <summary>Judges the points (seconds, value); returns null for fewer than 3 points or a zero mean.</summary>
    public static SeriesVerdict? Judge(string series, IReadOnlyList<(double Seconds, double Value)> points)
    {
        if (points.Count < 3)
        {
            return null;
        }

        var mean = points.Average(p => p.Value);
        if (mean == 0)
        {
            return null;
        }

        var maxDeviation = points.Max(p => Math.Abs(p.Value - mean)) / Math.Abs(mean) * 100;

        var meanSeconds = points.Average(p => p.Seconds);
        var covariance = points.Sum(p => (p.Seconds - meanSeconds) * (p.Value - mean));
        var variance = points.Sum(p => (p.Seconds - meanSeconds) * (p.Seconds - meanSeconds));
        var slopePerSecond = variance == 0 ? 0 : covariance / variance;
        var window = points[^1].Seconds - points[0].Seconds;
        var trend = slopePerSecond * window / Math.Abs(mean) * 100;

        return new SeriesVerdict(
            series,
            points.Count,
            Math.Round(window, 1),
            Math.Round(mean, 1),
            points.Min(p => p.Value),
            points.Max(p => p.Value),
            Math.Round(maxDeviation, 2),
            Math.Round(trend, 2),
            maxDeviation <= BandPercent,
            Math.Abs(trend) < TrendPercent);
    }

    /// <summary>
    /// Returns the soak samples taken with demand at least <paramref name="settle"/> after demand
    /// began, within the last <paramref name="window"/> of the run.
    /// </summary>
    public static List<Sample> Settled(IReadOnlyList<Sample> samples, TimeSpan settle, TimeSpan window)
    {
        if (samples.Count == 0)
        {
            return [];
        }

        var end = samples[^1].ElapsedSeconds;
        return [.. samples.Where(s => s.Phase == "demand" && s.SecondsInPhase >= settle.TotalSeconds && s.ElapsedSeconds >= end - window.TotalSeconds)];
    }

    /// <summary>Judges the memory and resource series of the samples taken within the last <paramref name="window"/> of the run.</summary>
    public static List<SeriesVerdict> JudgeServer(IReadOnlyList<Sample> samples, TimeSpan window)
    {
        if (samples.Count == 0)
        {
            return [];
        }

        var end = samples[^1].ElapsedSeconds;
        var inWindow = samples.Where(s => s.ElapsedSeconds >= end - window.TotalSeconds && s.ElapsedSeconds >= 0).ToArray();
        var verdicts = new List<SeriesVerdict?>
        {
            Judge("server managed memory live after a full GC (bytes)", [.. inWindow.Where(s => s.ServerLiveAfterFullGcBytes is not null).Select(s => (s.ElapsedSeconds, (double)s.ServerLiveAfterFullGcBytes!.Value))]),
            Judge("server managed heap after a full GC (bytes)", [.. inWindow.Where(s => s.ServerHeapAfterFullGcBytes is not null).Select(s => (s.ElapsedSeconds, (double)s.ServerHeapAfterFullGcBytes!.Value))]),
            Judge("server managed heap after the last GC (bytes)", [.. inWindow.Where(s => s.ServerHeapAfterGcBytes is not null).Select(s => (s.ElapsedSeconds, (double)s.ServerHeapAfterGcBytes!.Value))]),
            Judge("server working set (bytes)", [.. inWindow.Select(s => (s.ElapsedSeconds, (double)s.ServerResidentBytes))]),
            Judge("server handles", [.. inWindow.Select(s => (s.ElapsedSeconds, (double)s.ServerHandles))]),
            Judge("server threads", [.. inWindow.Select(s => (s.ElapsedSeconds, (double)s.ServerThreads))]),
        };
        return [.. verdicts.OfType<SeriesVerdict>()];
    }
}
