using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tarang.Server.Tests;

/// <summary>
/// Runs the server process at Debug level with request logging and ASP.NET Core's own request
/// lines on, sends planted secrets the ways clients send them, and checks that none appears in any
/// captured line.
/// </summary>
public class LogCanaryTests
{
    [Fact]
    public async Task Logs_ContainNoPlantedSecret()
    {
        var password = $"canary-password-{Guid.NewGuid():N}";
        var dhanToken = $"eyJhbGciOiJIUzUxMiJ9.eyJjYW5hcnkiOiIx{Guid.NewGuid():N}.c2lnbmF0dXJl{Guid.NewGuid():N}";
        var configuredDhanToken = $"canary-dhan-{Guid.NewGuid():N}";
        var hubToken = Tarang.Server.Sessions.SessionTokens.Create();
        var basicCredentials = $"canary-basic-{Guid.NewGuid():N}";
        await using var server = await ServerProcess.StartAsync(
            "--Logging:LogLevel:Default=Debug",
            "--Logging:LogLevel:Microsoft=Debug",
            "--Logging:LogLevel:Microsoft.AspNetCore=Debug",
            "--Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Debug",

            // appsettings.Production.json names these categories, so Default does not reach them.
            "--Logging:LogLevel:Tarang.Dhan.Feed.Connection.DhanFeed=Debug",
            "--Logging:LogLevel:Tarang.Dhan.Credentials=Debug",
            "--Logging:LogLevel:Tarang.Server.Feed.FeedSupervisor=Debug",
            "--Logging:LogLevel:Tarang.Server.Services=Debug",
            "--RequestLogging:Enabled=true",
            "--Accounts:AdminEmails:0=canary@example.com",
            $"--Dhan:AccessToken={configuredDhanToken}");
        using var client = server.CreateClient();

        var register = await client.PostAsJsonAsync("/api/auth/register", new { email = "canary@example.com", password, first_name = "A", last_name = "B" });
        var sessionToken = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        await client.PostAsJsonAsync("/api/auth/login", new { email = "canary@example.com", password });
        await client.PostAsJsonAsync("/api/auth/login", new { email = "canary@example.com", password = password + "x" });
        var me = await AuthClient.SendAsync(client, HttpMethod.Get, "/api/auth/me", sessionToken);

        // The house token goes to the feed URL's query and to Dhan's access-token header.
        var replaced = await AuthClient.SendAsync(client, HttpMethod.Put, "/api/admin/dhan-credentials", sessionToken, new { clientId = "1100099999", accessToken = dhanToken });
        await AuthClient.SendAsync(client, HttpMethod.Get, $"/api/auth/me?access_token={hubToken}&instrument=NSE_EQ", null);
        await AuthClient.SendAsync(client, HttpMethod.Get, $"/hubs/market?access_token={sessionToken}", null);
        await AuthClient.SendAsync(client, HttpMethod.Get, $"/api/auth/me?token={dhanToken}", null);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me"))
        {
            request.Headers.Add("access-token", dhanToken);
            request.Headers.TryAddWithoutValidation("Authorization", $"Basic {basicCredentials}");
            await client.SendAsync(request);
        }

        await AuthClient.SendAsync(client, HttpMethod.Post, "/api/auth/change-password", sessionToken, new { current_password = password, new_password = "short" });

        // A real SignalR client sends the session token as access_token on the negotiate request
        // and on the WebSocket upgrade.
        await using (var hub = HubClient.Build(server.Address, sessionToken, negotiate: true))
        {
            await hub.StartAsync();
            Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, hub.State);
        }

        // Let the feed reconnect with the replaced token before the scan.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await AuthClient.SendAsync(client, HttpMethod.Post, "/api/auth/logout", sessionToken);
        await AuthClient.SendAsync(client, HttpMethod.Get, "/api/auth/me", sessionToken);
        await server.StopAsync();

        var lines = server.Lines.ToList();
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);

        // The scan means something only if request logging and the hosting layer's own request
        // lines ran and saw the routes, the queries and the headers.
        Assert.Contains(lines, line => line.Contains("/api/auth/me", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Request starting", StringComparison.Ordinal) && line.Contains("/hubs/market?access_token=[Redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Authorization: [Redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Request starting", StringComparison.Ordinal) && line.Contains("/hubs/market/negotiate?", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\"level\":\"Debug\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\"eventId\":1003", StringComparison.Ordinal));

        var secrets = new[]
        {
            ("password", password),
            ("session token", sessionToken),
            ("configured Dhan token", configuredDhanToken),
            ("replaced Dhan token", dhanToken),
            ("hub access_token", hubToken),
            ("Authorization header", basicCredentials),
        };
        foreach (var (name, secret) in secrets)
        {
            var leaks = lines.Where(line => line.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"The {name} appeared in the server output:\n{string.Join('\n', leaks)}");
        }
    }
}
