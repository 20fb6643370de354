using Tarang.Dhan.Credentials;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>Builds the feed URL with its credentials and strips them again for logs and errors.</summary>
internal static class FeedAddress
{
    /// <summary>Returns the base URL with Dhan's v2 query string: version, token, client id and auth type.</summary>
    public static Uri Build(Uri baseUrl, DhanCredentials credentials) =>
        new($"{baseUrl.GetLeftPart(UriPartial.Path)}?version=2&token={Uri.EscapeDataString(credentials.AccessToken)}"
            + $"&clientId={Uri.EscapeDataString(credentials.ClientId)}&authType=2");

    /// <summary>Returns scheme, host, port and path only, safe to log.</summary>
    public static string Redact(Uri url) => url.GetLeftPart(UriPartial.Path);

    /// <summary>Removes the URL's query string and the token from an error message.</summary>
    public static string RedactMessage(string message, Uri url, DhanCredentials credentials)
    {
        var redacted = message;
        if (!string.IsNullOrEmpty(url.Query))
        {
            redacted = redacted.Replace(url.Query, "?***", StringComparison.Ordinal);
            redacted = redacted.Replace(url.Query.TrimStart('?'), "***", StringComparison.Ordinal);
        }

        redacted = redacted.Replace(credentials.AccessToken, "***", StringComparison.Ordinal);
        return redacted.Replace(Uri.EscapeDataString(credentials.AccessToken), "***", StringComparison.Ordinal);
    }
}
