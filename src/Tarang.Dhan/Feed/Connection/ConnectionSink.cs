using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>Passes decoded updates to the host's sink and records Dhan's disconnect reason on the socket that received it.</summary>
internal readonly struct ConnectionSink(FeedConnection connection, IMarketUpdateSink host) : IMarketUpdateSink
{
    public void OnUpdate(in MarketUpdate update) => host.OnUpdate(update);

    public void OnMarketStatus(InstrumentKey instrument) => host.OnMarketStatus(instrument);

    public void OnDisconnect(ushort reasonCode)
    {
        connection.RecordDhanReason(reasonCode);
        host.OnDisconnect(reasonCode);
    }
}
