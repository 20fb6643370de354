using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Tarang.Dhan.Feed;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Simulator.Feed;

/// <summary>
/// A feed request as Dhan's clients send it:
/// <c>{"RequestCode":15,"InstrumentCount":1,"InstrumentList":[{"ExchangeSegment":"NSE_EQ","SecurityId":"2885"}]}</c>
/// or <c>{"RequestCode":12}</c>.
/// </summary>
internal sealed record FeedRequest(FeedRequestCode Code, FeedMode Mode, bool IsSubscribe, IReadOnlyList<InstrumentKey> Instruments)
{
    public static bool TryParse(ReadOnlySpan<byte> payload, WebSocketMessageType type, [NotNullWhen(true)] out FeedRequest? request, out string error)
    {
        request = null;
        error = "";
        if (type != WebSocketMessageType.Text)
        {
            error = "Requests are JSON text messages.";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("RequestCode", out var codeElement)
                || !codeElement.TryGetInt32(out var code))
            {
                error = "The request has no integer RequestCode.";
                return false;
            }

            if (code == (int)FeedRequestCode.Disconnect)
            {
                request = new FeedRequest(FeedRequestCode.Disconnect, default, false, []);
                return true;
            }

            if (!TryGetMode(code, out var mode, out var isSubscribe))
            {
                error = $"RequestCode {code} is not a feed request code (12, 15, 16, 17, 18, 21 or 22).";
                return false;
            }

            if (!root.TryGetProperty("InstrumentList", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                error = "The request has no InstrumentList array.";
                return false;
            }

            var instruments = new List<InstrumentKey>(list.GetArrayLength());
            foreach (var item in list.EnumerateArray())
            {
                if (!TryReadInstrument(item, out var key, out error))
                {
                    return false;
                }

                instruments.Add(key);
            }

            request = new FeedRequest((FeedRequestCode)code, mode, isSubscribe, instruments);
            return true;
        }
        catch (JsonException ex)
        {
            error = $"The request is not valid JSON: {ex.Message}";
            return false;
        }
    }

    private static bool TryGetMode(int code, out FeedMode mode, out bool isSubscribe)
    {
        (mode, isSubscribe) = code switch
        {
            15 => (FeedMode.Ticker, true),
            16 => (FeedMode.Ticker, false),
            17 => (FeedMode.Quote, true),
            18 => (FeedMode.Quote, false),
            21 => (FeedMode.Full, true),
            22 => (FeedMode.Full, false),
            _ => (default(FeedMode), false),
        };
        return mode != default;
    }

    // Dhan rejects numeric security ids, so both fields must be strings.
    private static bool TryReadInstrument(JsonElement item, out InstrumentKey key, out string error)
    {
        key = default;
        error = "";
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("ExchangeSegment", out var segmentElement) || segmentElement.ValueKind != JsonValueKind.String
            || !item.TryGetProperty("SecurityId", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            error = "Each InstrumentList entry needs ExchangeSegment and SecurityId as strings.";
            return false;
        }

        if (!ExchangeSegments.TryParseDhanName(segmentElement.GetString(), out var segment))
        {
            error = $"ExchangeSegment '{segmentElement.GetString()}' is not a Dhan segment name.";
            return false;
        }

        if (!uint.TryParse(idElement.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var securityId))
        {
            error = $"SecurityId '{idElement.GetString()}' is not a security id.";
            return false;
        }

        key = new InstrumentKey(segment, securityId);
        return true;
    }
}
