using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tarang.Server.Tests;

/// <summary>
/// Runs the server process at Debug level with request logging on, sends planted secrets the ways
/// clients send them, and checks that none appears in any captured line.
/// </summary>
public class LogCanaryTests
{
    [Fact]
    public async Task Logs_ContainNoPlantedSecret()
    {
        var password = $"canary-password-{Guid.NewGuid():N}";
        var dhanToken = $"canary-dhan-{Guid.NewGuid():N}";
        var hubToken = Tarang.Server.Sessions.SessionTokens.Create();
        await using var server = await ServerProcess.StartAsync(
            "--Logging:LogLevel:Default=Debug",
            "--Logging:LogLevel:Microsoft=Debug",
            "--Logging:LogLevel:Microsoft.AspNetCore=Debug",
            "--Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Debug",
            "--RequestLogging:Enabled=true",
            $"--Dhan:AccessToken={dhanToken}");
        using var client = server.CreateClient();

        var register = await client.PostAsJsonAsync("/api/auth/register", new { email = "canary@example.com", password, first_name = "A", last_name = "B" });
        var sessionToken = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        await client.PostAsJsonAsync("/api/auth/login", new { email = "canary@example.com", password });
        await client.PostAsJsonAsync("/api/auth/login", new { email = "canary@example.com", password = password + "x" });
        var me = await AuthClient.SendAsync(client, HttpMethod.Get, "/api/auth/me", sessionToken);
        await AuthClient.SendAsync(client, HttpMethod.Get, $"/api/auth/me?access_token={hubToken}&instrument=NSE_EQ", null);
        await AuthClient.SendAsync(client, HttpMethod.Get, $"/hubs/market?access_token={sessionToken}", null);
        await AuthClient.SendAsync(client, HttpMethod.Post, "/api/auth/change-password", sessionToken, new { current_password = password, new_password = "short" });
        await AuthClient.SendAsync(client, HttpMethod.Post, "/api/auth/logout", sessionToken);
        await AuthClient.SendAsync(client, HttpMethod.Get, "/api/auth/me", sessionToken);
        await server.StopAsync();

        var lines = server.Lines.ToList();
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        // The scan means something only if request logging ran and saw the routes and the query.
        Assert.Contains(lines, line => line.Contains("/api/auth/me", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("access_token=[Redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Authorization: [Redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("dbug:", StringComparison.Ordinal));

        foreach (var (name, secret) in new[] { ("password", password), ("session token", sessionToken), ("Dhan token", dhanToken), ("hub access_token", hubToken) })
        {
            var leaks = lines.Where(line => line.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"The {name} appeared in the server output:\n{string.Join('\n', leaks)}");
        }
    }
}
