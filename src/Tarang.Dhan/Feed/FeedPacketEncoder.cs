using System.Runtime.InteropServices;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Feed;

/// <summary>
/// Writes live-feed packets as Dhan's server sends them: the server side of <see cref="FeedDecoder"/>,
/// used by the simulator and by tests. Each method writes one packet at the start of the
/// destination span and returns its length in bytes.
/// </summary>
public static class FeedPacketEncoder
{
    public static int Write(in TickerPacket packet, Span<byte> destination) =>
        Write(packet, packet.Instrument, FeedResponseCode.Ticker, destination);

    public static int Write(in QuotePacket packet, Span<byte> destination) =>
        Write(packet, packet.Instrument, FeedResponseCode.Quote, destination);

    public static int Write(in OpenInterestPacket packet, Span<byte> destination) =>
        Write(packet, packet.Instrument, FeedResponseCode.OpenInterest, destination);

    public static int Write(in PreviousClosePacket packet, Span<byte> destination) =>
        Write(packet, packet.Instrument, FeedResponseCode.PreviousClose, destination);

    public static int Write(in FullPacket packet, Span<byte> destination) =>
        Write(packet, packet.Instrument, FeedResponseCode.Full, destination);

    public static int Write(in MarketStatusPacket packet, Span<byte> destination) =>
        Write(packet, packet.Instrument, FeedResponseCode.MarketStatus, destination);

    /// <summary>Writes a disconnect packet; Dhan sends it with segment 0 and security id 0.</summary>
    public static int Write(in DisconnectPacket packet, Span<byte> destination) =>
        Write(packet, default, FeedResponseCode.Disconnect, destination);

    private static int Write<TPacket>(in TPacket packet, InstrumentKey instrument, FeedResponseCode code, Span<byte> destination)
        where TPacket : struct
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The feed encoder writes packets in place and needs a little-endian host.");
        }

        var size = FeedPacketLayout.SizeOf(code);
        if (destination.Length < size)
        {
            throw new ArgumentException($"A {code} packet needs {size} bytes but the buffer has {destination.Length}.", nameof(destination));
        }

        // The packet struct is the wire layout. The header is written again so that a packet
        // built without its Instrument still gets the right code and length.
        MemoryMarshal.Write(destination, in packet);
        MemoryMarshal.Write(destination, new FeedPacketHeader(code, (ushort)size, instrument));
        return size;
    }
}
