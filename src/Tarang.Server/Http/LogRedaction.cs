using System.Text;
using System.Text.RegularExpressions;

namespace Tarang.Server.Http;

/// <summary>Removes secret values from text bound for logs.</summary>
public static partial class LogRedaction
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

    /// <summary>
    /// Replaces secrets in free text such as a formatted log message or an exception message:
    /// values of secret query parameters (<c>access_token=…</c>), the values of the Authorization,
    /// Cookie and <c>access-token</c> headers, bearer tokens and JWTs (Dhan's access tokens are JWTs).
    /// </summary>
    /// <remarks>
    /// NOTE: this is a backstop for text the server does not build itself, such as ASP.NET Core's
    /// "Request starting" line. A secret in any other shape (an opaque token printed on its own)
    /// is not recognised here, so code must still never pass one to a logger.
    /// </remarks>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var redacted = SecretHeaderPattern().Replace(text, match => match.Groups["prefix"].Value + Redacted);
        redacted = SecretParameterPattern().Replace(redacted, match => match.Groups["prefix"].Value + Redacted);
        redacted = BearerPattern().Replace(redacted, "Bearer " + Redacted);
        return JwtPattern().Replace(redacted, Redacted);
    }

    /// <summary>Returns whether a structured log property or header with this name contains a secret.</summary>
    public static bool IsSecretPropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IsSecretName(name)
            || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase);
    }

    // A header as the request logger and most tools print it: "Authorization: Bearer x", up to the
    // end of the line or a closing quote.
    [GeneratedRegex(@"(?<prefix>\b(?:proxy-authorization|authorization|access-token|set-cookie|cookie)""?\s*[:=]\s*""?)(?!\s*""?\[Redacted\])[^""\r\n]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretHeaderPattern();

    // name=value where the name contains token, password, secret or api key (access_token and
    // its percent-encoded form access%5Ftoken included); the value ends at &, space, quote or ;.
    [GeneratedRegex(@"(?<prefix>[\w%.-]*(?:token|password|passwd|secret|api_?key)=)(?!\[Redacted\])[^&\s""'<>;,]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameterPattern();

    [GeneratedRegex(@"\bBearer\s+(?!\[Redacted\])[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();

    private static bool IsSecretName(string name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("apikey", StringComparison.OrdinalIgnoreCase)
        || name.Contains("api_key", StringComparison.OrdinalIgnoreCase);
}
