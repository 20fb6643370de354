using Tarang.Dhan.Feed;

namespace Tarang.Dhan.Tests.Feed;

/// <summary>Keeps every packet the decoder delivers, in order, for assertions.</summary>
internal sealed class RecordingPacketHandler : IFeedPacketHandler
{
    public List<object> Packets { get; } = [];

    public void OnTicker(in TickerPacket packet) => Packets.Add(packet);

    public void OnQuote(in QuotePacket packet) => Packets.Add(packet);

    public void OnOpenInterest(in OpenInterestPacket packet) => Packets.Add(packet);

    public void OnPreviousClose(in PreviousClosePacket packet) => Packets.Add(packet);

    public void OnFull(in FullPacket packet) => Packets.Add(packet);

    public void OnMarketStatus(in MarketStatusPacket packet) => Packets.Add(packet);

    public void OnDisconnect(in DisconnectPacket packet) => Packets.Add(packet);

    public static (RecordingPacketHandler Handler, FeedDecodeCounters Counters, int Delivered) Decode(string hex)
    {
        var handler = new RecordingPacketHandler();
        var counters = new FeedDecodeCounters();
        var delivered = FeedDecoder.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), ref handler, counters);
        return (handler, counters, delivered);
    }
}
