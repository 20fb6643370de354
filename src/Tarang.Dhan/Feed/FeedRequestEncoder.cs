using System.Buffers;
using System.Text.Json;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed;

/// <summary>
/// Writes the JSON text requests of the live feed: subscribe and unsubscribe per mode, in messages
/// of at most <see cref="MaxInstrumentsPerMessage"/> instruments, and the disconnect request.
/// </summary>
public static class FeedRequestEncoder
{
    /// <summary>Dhan's limit of instruments in one subscribe or unsubscribe message.</summary>
    public const int MaxInstrumentsPerMessage = 100;

    /// <summary>Returns the subscribe code of a mode: 15 ticker, 17 quote, 21 full.</summary>
    public static FeedRequestCode SubscribeCode(FeedMode mode) => mode switch
    {
        FeedMode.Ticker => FeedRequestCode.SubscribeTicker,
        FeedMode.Quote => FeedRequestCode.SubscribeQuote,
        FeedMode.Full => FeedRequestCode.SubscribeFull,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a feed mode."),
    };

    /// <summary>Returns the unsubscribe code of a mode, which Dhan defines as the subscribe code plus one.</summary>
    public static FeedRequestCode UnsubscribeCode(FeedMode mode) => SubscribeCode(mode) + 1;

    /// <summary>
    /// Returns the UTF-8 messages that request <paramref name="code"/> for every instrument, split
    /// into batches of at most 100 in the given order (250 instruments give 100, 100 and 50).
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> EncodeBatches(FeedRequestCode code, IReadOnlyList<InstrumentKey> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (code == FeedRequestCode.Disconnect)
        {
            throw new ArgumentException("A disconnect request has no instruments; use EncodeDisconnect.", nameof(code));
        }

        var messages = new List<ReadOnlyMemory<byte>>((instruments.Count + MaxInstrumentsPerMessage - 1) / MaxInstrumentsPerMessage);
        for (var start = 0; start < instruments.Count; start += MaxInstrumentsPerMessage)
        {
            var count = Math.Min(MaxInstrumentsPerMessage, instruments.Count - start);
            messages.Add(EncodeOne(code, instruments, start, count));
        }

        return messages;
    }

    /// <summary>Returns the disconnect request <c>{"RequestCode":12}</c> as UTF-8.</summary>
    public static ReadOnlyMemory<byte> EncodeDisconnect() => """{"RequestCode":12}"""u8.ToArray();

    private static ReadOnlyMemory<byte> EncodeOne(FeedRequestCode code, IReadOnlyList<InstrumentKey> instruments, int start, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (count * 48));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("RequestCode", (int)code);
            writer.WriteNumber("InstrumentCount", count);
            writer.WriteStartArray("InstrumentList");
            for (var i = start; i < start + count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("ExchangeSegment", instruments[i].Segment.ToDhanName());

                // Dhan rejects numeric ids here: SecurityId must be a JSON string.
                writer.WriteString("SecurityId", instruments[i].SecurityId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
