using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tarang.Load;

/// <summary>The server's REST calls the tool makes: register, log in, log out, the admin feed status and <c>/metrics</c>.</summary>
internal sealed class TarangApi(HttpClient http)
{
    /// <summary>The password of every load user; it meets the server's default policy.</summary>
    public const string Password = "load-tool-password-7";

    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Registers the user and returns the new session's bearer token.</summary>
    public async Task<string> RegisterAsync(string email, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string> { ["email"] = email, ["password"] = Password, ["first_name"] = "Load", ["last_name"] = "Client" };
        using var response = await http.PostAsJsonAsync(new Uri("api/auth/register", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        return await ReadTokenAsync(response, $"register {email}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs the user in and returns the new session's bearer token.</summary>
    public async Task<string> LoginAsync(string email, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string> { ["email"] = email, ["password"] = Password };
        using var response = await http.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        return await ReadTokenAsync(response, $"log in {email}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the session; a session the server already ended (401) counts as logged out.</summary>
    public async Task LogoutAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/auth/logout", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            await EnsureSuccessAsync(response, "log out", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns <c>GET /api/admin/feed</c>, or null when the call fails.</summary>
    public async Task<JsonElement?> GetFeedStatusAsync(string adminToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/admin/feed", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the samples of <c>GET /metrics</c>, or null when the server serves no such endpoint.</summary>
    public async Task<List<PrometheusSample>?> GetMetricsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return PrometheusText.Parse(text);
    }

    private static async Task<string> ReadTokenAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, action, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return body.GetProperty("token").GetString() ?? throw new InvalidOperationException($"The server's reply to {action} has no token.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"Could not {action}: HTTP {(int)response.StatusCode}: {detail}", null, response.StatusCode);
        }
    }
}
