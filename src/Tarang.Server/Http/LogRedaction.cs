using System.Text;

namespace Tarang.Server.Http;

/// <summary>Removes secret values from text bound for logs.</summary>
public static class LogRedaction
{
    public const string Redacted = "[Redacted]";

    /// <summary>
    /// Replaces the value of every query parameter whose name contains "token", "password", "secret"
    /// or "apikey"/"api_key" (SignalR's <c>access_token</c> among them). Other parameters, such as
    /// instrument keys, are kept as sent.
    /// </summary>
    public static string RedactQuery(QueryString query)
    {
        if (!query.HasValue)
        {
            return "";
        }

        var builder = new StringBuilder("?");
        var first = true;
        foreach (var pair in query.Value!.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            builder.Append(IsSecretName(Uri.UnescapeDataString(name)) ? $"{name}={Redacted}" : pair);
        }

        return builder.ToString();
    }

    private static bool IsSecretName(string name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("apikey", StringComparison.OrdinalIgnoreCase)
        || name.Contains("api_key", StringComparison.OrdinalIgnoreCase);
}
