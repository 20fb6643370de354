namespace Tarang.Load;

/// <summary>Counts events by reason text, keeping at most <see cref="MaxReasons"/> distinct reasons so memory stays bounded.</summary>
internal sealed class ReasonTally
{
    public const int MaxReasons = 50;
    private const string OtherReason = "(other reasons beyond the first 50)";

    private readonly Dictionary<string, long> counts = [];
    private readonly Lock countsLock = new();
    private long total;

    public long Total => Interlocked.Read(ref total);

    public void Add(string reason)
    {
        Interlocked.Increment(ref total);
        lock (countsLock)
        {
            var key = counts.ContainsKey(reason) || counts.Count < MaxReasons ? reason : OtherReason;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    public Dictionary<string, long> Snapshot()
    {
        lock (countsLock)
        {
            return new Dictionary<string, long>(counts);
        }
    }
}
