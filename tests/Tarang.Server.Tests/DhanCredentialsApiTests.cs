using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Dhan.Credentials;

namespace Tarang.Server.Tests;

public class DhanCredentialsApiTests
{
    private const string NewToken = "eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjE5MDAwMDAwMDB9.bmV3LWhvdXNlLXRva2Vu";

    [Fact]
    public async Task Admin_ReplacesHouseCredentials()
    {
        await using var server = await LoopbackServer.StartAsync("--Accounts:AdminEmails:0=boss@example.com");
        var (admin, adminId) = await AuthClient.RegisterAsync(server.Client, "boss@example.com");
        var store = server.Services.GetRequiredService<HouseCredentialStore>();

        // On the embedded default the house credentials start as the simulator's.
        Assert.Equal("1100000001", store.Current.ClientId);

        var response = await AuthClient.SendAsync(
            server.Client, HttpMethod.Put, "/api/admin/dhan-credentials", admin, new { clientId = "1100099999", accessToken = NewToken });

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        Assert.Equal("1100099999", store.Current.ClientId);
        Assert.Equal(NewToken, store.Current.AccessToken);

        var audit = await (await AuthClient.SendAsync(server.Client, HttpMethod.Get, $"/api/admin/audit?userId={adminId}", admin)).Content.ReadFromJsonAsync<JsonElement>();
        var entry = audit.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "admin-replaced-dhan-credentials");
        Assert.DoesNotContain(NewToken, entry.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", NewToken, "clientId")]
    [InlineData("1100099999", " ", "accessToken")]
    public async Task Admin_RejectsMissingField(string clientId, string accessToken, string field)
    {
        await using var server = await LoopbackServer.StartAsync("--Accounts:AdminEmails:0=boss@example.com");
        var (admin, _) = await AuthClient.RegisterAsync(server.Client, "boss@example.com");
        var before = server.Services.GetRequiredService<HouseCredentialStore>().Current;

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Put, "/api/admin/dhan-credentials", admin, new { clientId, accessToken });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, server.Services.GetRequiredService<HouseCredentialStore>().Current);
    }

    [Fact]
    public async Task User_CannotReplaceHouseCredentials()
    {
        await using var server = await LoopbackServer.StartAsync();
        var (user, _) = await AuthClient.RegisterAsync(server.Client, "plain@example.com");

        var response = await AuthClient.SendAsync(server.Client, HttpMethod.Put, "/api/admin/dhan-credentials", user, new { clientId = "1", accessToken = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
