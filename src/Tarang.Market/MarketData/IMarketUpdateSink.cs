using Tarang.Market.Instruments;

namespace Tarang.Market.MarketData;

/// <summary>Receives decoded feed data in market terms. Implement it on a struct to avoid allocation.</summary>
public interface IMarketUpdateSink
{
    void OnUpdate(in MarketUpdate update);

    /// <summary>Receives a market-status packet, which has no documented payload.</summary>
    void OnMarketStatus(InstrumentKey instrument);

    /// <summary>Receives Dhan's reason for closing the feed (805, 807, ...).</summary>
    void OnDisconnect(ushort reasonCode);
}
