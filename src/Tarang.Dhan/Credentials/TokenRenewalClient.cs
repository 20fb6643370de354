using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Tarang.Dhan.Credentials;

/// <summary>
/// Calls Dhan's <c>GET /v2/RenewToken</c>, which returns a new access token for the one sent. It
/// takes a fresh client from the factory for each call, so a long-lived renewal service still
/// follows the factory's handler rotation.
/// </summary>
public sealed class TokenRenewalClient(IHttpClientFactory httpClients, IOptionsMonitor<DhanOptions> options)
{
    /// <summary>The name of the <see cref="HttpClient"/> this client uses, for configuring it.</summary>
    public const string HttpClientName = "Tarang.Dhan.RenewToken";

    /// <summary>
    /// Returns the new token. Throws <see cref="HttpRequestException"/> when Dhan responds with an
    /// error status and <see cref="FormatException"/> when the response contains no token. Neither
    /// message contains a token.
    /// </summary>
    public async Task<string> RenewAsync(DhanCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var url = new Uri(options.CurrentValue.RestBaseUrl, "/v2/RenewToken");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("access-token", credentials.AccessToken);
        request.Headers.TryAddWithoutValidation("dhanClientId", credentials.ClientId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Dhan's RenewToken failed with HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FindToken(document.RootElement)
            ?? throw new FormatException("Dhan's RenewToken response has no accessToken, access_token or token field.");
    }

    // NOTE: no capture of a RenewToken response is at hand, so the field is looked up under the names
    // Dhan's other token endpoints and public clients use, at the top level or under "data".
    private static string? FindToken(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["accessToken", "access_token", "token"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString();
            }
        }

        return root.TryGetProperty("data", out var data) ? FindToken(data) : null;
    }
}
