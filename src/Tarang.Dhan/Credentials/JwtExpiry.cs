using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Tarang.Dhan.Credentials;

/// <summary>Reads the <c>exp</c> claim of a JWT without checking its signature.</summary>
internal static class JwtExpiry
{
    /// <summary>Returns false when the token is not a JWT or has no numeric <c>exp</c>.</summary>
    public static bool TryRead(string token, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var payload = parts[1];
        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(payload.Length));
        try
        {
            if (!Base64Url.TryDecodeFromChars(payload, buffer, out var written))
            {
                return false;
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(0, written));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isExp = reader.ValueTextEquals("exp"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isExp && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds))
                {
                    expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
                    return true;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            // Base64Url.TryDecodeFromChars returns false for a short buffer but throws for invalid characters.
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
