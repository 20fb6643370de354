namespace Tarang.Dhan.Feed;

/// <summary>
/// Receives the packets that <see cref="FeedDecoder"/> finds in a message. Implement it on a struct
/// and pass it by reference so the JIT specialises the decoder for it and nothing is allocated.
/// </summary>
public interface IFeedPacketHandler
{
    void OnTicker(in TickerPacket packet);

    void OnQuote(in QuotePacket packet);

    void OnOpenInterest(in OpenInterestPacket packet);

    void OnPreviousClose(in PreviousClosePacket packet);

    void OnFull(in FullPacket packet);

    void OnMarketStatus(in MarketStatusPacket packet);

    void OnDisconnect(in DisconnectPacket packet);
}
