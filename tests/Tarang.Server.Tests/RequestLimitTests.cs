using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Tarang.Server.Tests;

/// <summary>Kestrel's body limit and the hub's message limit, with their defaults and settings.</summary>
public class RequestLimitTests
{
    [Fact]
    public async Task Body_OverDefaultLimitIs413()
    {
        await using var server = await LoopbackServer.StartAsync();
        var padding = new string('a', 2 * 1024 * 1024);
        using var content = new StringContent($"{{\"email\":\"a@example.com\",\"password\":\"{padding}\"}}", Encoding.UTF8, "application/json");

        var response = await server.Client.PostAsync("/api/auth/login", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Kestrel:Limits:MaxRequestBodySize", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Body_LimitFollowsSetting()
    {
        await using var server = await LoopbackServer.StartAsync("--Kestrel:Limits:MaxRequestBodySize=64");

        var small = await AuthClient.LoginAsync(server.Client, "a@example.com", "wrong");
        var large = await AuthClient.LoginAsync(server.Client, "someone.with.a.long.address@example.com", "a wrong password that is long");

        Assert.Equal(HttpStatusCode.Unauthorized, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task Hub_MessageOverLimitClosesConnection()
    {
        await using var server = await LoopbackServer.StartAsync("--Push:MaxReceiveMessageBytes=2048");
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "hub@example.com");
        await using var client = await HubClient.ConnectAsync(server.Address, token);
        var keys = Enumerable.Range(0, 300).Select(i => $"NSE_EQ:{100_000 + i}").ToArray();

        await Assert.ThrowsAnyAsync<Exception>(() => client.SubscribeAsync("quote", keys));
        var closedWith = await client.ClosedWith.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.NotNull(closedWith);
    }

    [Fact]
    public async Task Hub_MessageUnderLimitIsRead()
    {
        await using var server = await LoopbackServer.StartAsync("--Push:MaxReceiveMessageBytes=2048");
        var (token, _) = await AuthClient.RegisterAsync(server.Client, "hub@example.com");
        await using var client = await HubClient.ConnectAsync(server.Address, token);

        var error = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("quote", "NSE_EQ:999999999"));

        Assert.Contains("NSE_EQ:999999999", error.Message, StringComparison.Ordinal);
    }
}
