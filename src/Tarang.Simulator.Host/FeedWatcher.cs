using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.Time;

/// <summary>
/// A console client of a Dhan-compatible feed: it subscribes instruments in ticker mode over a
/// real WebSocket and prints each decoded packet, to show that ticks are flowing.
/// </summary>
internal static class FeedWatcher
{
    public static async Task RunAsync(Uri feedUrl, IReadOnlyList<InstrumentKey> instruments, TextWriter output, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(feedUrl, cancellationToken).ConfigureAwait(false);
        var list = string.Join(",", instruments.Select(i => $$"""{"ExchangeSegment":"{{i.Segment.ToDhanName()}}","SecurityId":"{{i.SecurityId}}"}"""));
        var request = $$"""{"RequestCode":15,"InstrumentCount":{{instruments.Count}},"InstrumentList":[{{list}}]}""";
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);

        var buffer = new byte[64 * 1024];
        var counters = new FeedDecodeCounters();
        var printer = new PacketPrinter(output);
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                output.WriteLine($"Feed closed: {result.CloseStatus} {result.CloseStatusDescription}");
                return;
            }

            FeedDecoder.Decode(buffer.AsSpan(0, result.Count), ref printer, counters);
        }
    }

    /// <summary>Parses <c>IDX_I:13,NSE_EQ:2885</c>.</summary>
    public static bool TryParseInstruments(string text, out List<InstrumentKey> instruments)
    {
        instruments = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':');
            if (pieces.Length != 2
                || !ExchangeSegments.TryParseDhanName(pieces[0], out var segment)
                || !uint.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var securityId))
            {
                return false;
            }

            instruments.Add(new InstrumentKey(segment, securityId));
        }

        return instruments.Count > 0;
    }

    private sealed class PacketPrinter(TextWriter output) : IFeedPacketHandler
    {
        public void OnTicker(in TickerPacket packet) =>
            output.WriteLine($"{Name(packet.Instrument)} LTP {packet.LastTradedPrice.ToString("0.00", CultureInfo.InvariantCulture)} at {Time(packet.LastTradeTime)}");

        public void OnQuote(in QuotePacket packet) =>
            output.WriteLine($"{Name(packet.Instrument)} quote LTP {packet.LastTradedPrice.ToString("0.00", CultureInfo.InvariantCulture)} volume {packet.Volume} at {Time(packet.LastTradeTime)}");

        public void OnOpenInterest(in OpenInterestPacket packet) =>
            output.WriteLine($"{Name(packet.Instrument)} OI {packet.OpenInterest}");

        public void OnPreviousClose(in PreviousClosePacket packet) =>
            output.WriteLine($"{Name(packet.Instrument)} previous close {packet.PreviousClose.ToString("0.00", CultureInfo.InvariantCulture)}");

        public void OnFull(in FullPacket packet) =>
            output.WriteLine($"{Name(packet.Instrument)} full LTP {packet.LastTradedPrice.ToString("0.00", CultureInfo.InvariantCulture)} OI {packet.OpenInterest} at {Time(packet.LastTradeTime)}");

        public void OnMarketStatus(in MarketStatusPacket packet) => output.WriteLine("market status packet");

        public void OnDisconnect(in DisconnectPacket packet) => output.WriteLine($"disconnect packet, reason {packet.ReasonCode}");

        private static string Name(InstrumentKey key) => $"{key.Segment.ToDhanName()}:{key.SecurityId}";

        private static string Time(uint lastTradeTime) =>
            Ist.FromFeedTime(lastTradeTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
