using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Tests.Feed.Connection;

/// <summary>Keeps every update and disconnect reason the feed delivers.</summary>
internal sealed class RecordingSink : IMarketUpdateSink
{
    private readonly List<MarketUpdate> updates = [];
    private readonly List<ushort> disconnects = [];

    public IReadOnlyList<MarketUpdate> Updates
    {
        get
        {
            lock (updates)
            {
                return [.. updates];
            }
        }
    }

    public IReadOnlyList<ushort> Disconnects
    {
        get
        {
            lock (updates)
            {
                return [.. disconnects];
            }
        }
    }

    /// <summary>Runs before each update is recorded, so a test can make the sink slow.</summary>
    public Action? BeforeUpdate { get; set; }

    public void OnUpdate(in MarketUpdate update)
    {
        BeforeUpdate?.Invoke();
        lock (updates)
        {
            updates.Add(update);
        }
    }

    public void OnMarketStatus(InstrumentKey instrument)
    {
    }

    public void OnDisconnect(ushort reasonCode)
    {
        lock (updates)
        {
            disconnects.Add(reasonCode);
        }
    }
}
