using System.Collections.Concurrent;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Simulator.Feed;

/// <summary>
/// Counts the feed requests the simulator received since it started, over all connections. For
/// each (instrument, mode) it counts subscribe and unsubscribe listings, with the sequence numbers
/// of the first and last such request. It also counts disconnect requests (code 12). Tests read
/// them through <c>GET /control/requests</c> to check what a client sent and in which order.
/// Each of the two maps keeps at most <see cref="MaxEntries"/> pairs. Listings of further new
/// pairs are counted in <see cref="Untracked"/> only, so a client that lists ever new security ids
/// cannot grow the maps without limit.
/// </summary>
internal sealed class FeedRequestCounters(int maxEntries = FeedRequestCounters.DefaultMaxEntries)
{
    /// <summary>Default <see cref="MaxEntries"/>: 100,000 (instrument, mode) pairs per map.</summary>
    public const int DefaultMaxEntries = 100_000;

    private long untracked;

    private readonly ConcurrentDictionary<(InstrumentKey Instrument, FeedMode Mode), RequestCount> subscribes = new();
    private readonly ConcurrentDictionary<(InstrumentKey Instrument, FeedMode Mode), RequestCount> unsubscribes = new();
    private long sequence;
    private int disconnects;

    public int Disconnects => Volatile.Read(ref disconnects);

    public int MaxEntries => maxEntries;

    /// <summary>Listings of new (instrument, mode) pairs not recorded because a map was full.</summary>
    public long Untracked => Interlocked.Read(ref untracked);

    public IReadOnlyList<RequestCount> Subscribes => Snapshot(subscribes);

    public IReadOnlyList<RequestCount> Unsubscribes => Snapshot(unsubscribes);

    public void RecordDisconnect() => Interlocked.Increment(ref disconnects);

    public void Record(FeedRequest request)
    {
        var counts = request.IsSubscribe ? subscribes : unsubscribes;
        var number = Interlocked.Increment(ref sequence);
        foreach (var instrument in request.Instruments)
        {
            // Count can pass the cap by the number of requests recorded at the same moment, no more.
            if (counts.Count >= maxEntries && !counts.ContainsKey((instrument, request.Mode)))
            {
                Interlocked.Increment(ref untracked);
                continue;
            }

            counts.AddOrUpdate(
                (instrument, request.Mode),
                key => new RequestCount(key.Instrument, key.Mode, 1, number, number),
                (_, count) => count with { Count = count.Count + 1, LastSequence = number });
        }
    }

    private static RequestCount[] Snapshot(ConcurrentDictionary<(InstrumentKey Instrument, FeedMode Mode), RequestCount> counts) =>
        [.. counts.Values.OrderBy(c => c.FirstSequence).ThenBy(c => c.Instrument.ToString(), StringComparer.Ordinal)];

    /// <summary>How often one (instrument, mode) was requested, and the sequence numbers of the first and last request.</summary>
    internal sealed record RequestCount(InstrumentKey Instrument, FeedMode Mode, int Count, long FirstSequence, long LastSequence);
}
