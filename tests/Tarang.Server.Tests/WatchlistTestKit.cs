using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tarang.Server.Tests;

/// <summary>One user's calls to <c>/api/watchlist</c>, with the replies read as JSON.</summary>
internal sealed class WatchlistUser(HttpClient client, string token, Guid userId)
{
    public string Token { get; } = token;

    public Guid UserId { get; } = userId;

    public static async Task<WatchlistUser> RegisterAsync(LoopbackServer server, string email)
    {
        var (token, userId) = await AuthClient.RegisterAsync(server.Client, email);
        return new WatchlistUser(server.Client, token, Guid.Parse(userId));
    }

    public Task<HttpResponseMessage> AddAsync(object body) =>
        AuthClient.SendAsync(client, HttpMethod.Post, "/api/watchlist", Token, body);

    public async Task<JsonElement> AddOkAsync(object body)
    {
        using var response = await AddAsync(body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/watchlist {JsonSerializer.Serialize(body)} returned {(int)response.StatusCode}: {json}");
        Assert.True(json.GetProperty("success").GetBoolean());
        return json.GetProperty("data");
    }

    public async Task<JsonElement[]> ListAsync()
    {
        using var response = await AuthClient.SendAsync(client, HttpMethod.Get, "/api/watchlist", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("success").GetBoolean());
        return [.. json.GetProperty("data").EnumerateArray()];
    }

    public async Task<string[]> InstrumentsAsync() => [.. (await ListAsync()).Select(i => i.GetProperty("instrument").GetString()!)];

    public Task<HttpResponseMessage> DeleteAsync(string path) =>
        AuthClient.SendAsync(client, HttpMethod.Delete, $"/api/watchlist/{path}", Token);

    /// <summary>Reads a problem reply and checks the status, the field and the legacy message.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {json}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(json.GetProperty("detail").GetString(), json.GetProperty("message").GetString());
        if (field is not null)
        {
            Assert.Equal(field, json.GetProperty("field").GetString());
        }

        return json;
    }
}
