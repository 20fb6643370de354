using System.Globalization;
using System.Text.Json;
using Tarang.Market.Instruments;

namespace Tarang.Simulator.Rest;

/// <summary>Readers for Dhan request fields that accept what Dhan's clients send (ids as strings or numbers).</summary>
internal static class RequestFields
{
    public static bool TryGetString(JsonElement body, string name, out string value)
    {
        value = "";
        if (!body.TryGetProperty(name, out var element))
        {
            return false;
        }

        value = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString() ?? "",
            JsonValueKind.Number => element.GetRawText(),
            _ => "",
        };
        return value.Length > 0;
    }

    public static bool TryGetSecurityId(JsonElement body, string name, out uint securityId)
    {
        securityId = 0;
        return TryGetString(body, name, out var text)
            && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out securityId);
    }

    public static bool TryGetSegment(JsonElement body, string name, out ExchangeSegment segment)
    {
        segment = default;
        return TryGetString(body, name, out var text) && ExchangeSegments.TryParseDhanName(text, out segment);
    }
}
