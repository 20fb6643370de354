using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Dhan.Feed.Connection;
using Tarang.Server.Services;
using Tarang.Server.Sessions;

namespace Tarang.Server.Tests;

/// <summary>Reads what the embedded simulator saw, and waits for conditions with generous bounds.</summary>
internal sealed class FeedTestKit : IDisposable
{
    /// <summary>The bound of every wait: generous, so a slow machine does not fail a correct server.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly HttpClient control;

    public FeedTestKit(LoopbackServer server)
    {
        Server = server;
        control = new HttpClient { BaseAddress = server.Services.GetRequiredService<EmbeddedSimulator>().Running.ControlUrl };
    }

    public LoopbackServer Server { get; }

    public DhanFeed Feed => Server.Services.GetRequiredService<DhanFeed>();

    /// <summary>Feed sockets open at the simulator now.</summary>
    public async Task<int> ConnectionsAsync() =>
        (await control.GetFromJsonAsync<JsonElement>("connections")).GetArrayLength();

    /// <summary>Disconnect requests (code 12) the simulator received.</summary>
    public async Task<int> DisconnectRequestsAsync() =>
        (await control.GetFromJsonAsync<JsonElement>("requests")).GetProperty("disconnects").GetInt32();

    /// <summary>The simulator's count and first sequence number of subscribe or unsubscribe requests for one pair.</summary>
    public async Task<(int Count, long FirstSequence)> RequestsAsync(string kind, string instrument, string mode)
    {
        var body = await control.GetFromJsonAsync<JsonElement>("requests");
        foreach (var entry in body.GetProperty(kind).EnumerateArray())
        {
            if (entry.GetProperty("instrument").GetString() == instrument && entry.GetProperty("mode").GetString() == mode)
            {
                return (entry.GetProperty("count").GetInt32(), entry.GetProperty("firstSequence").GetInt64());
            }
        }

        return (0, 0);
    }

    /// <summary>Aborts every feed socket at the simulator without a close frame, as a network failure would.</summary>
    public async Task DropConnectionsAsync() =>
        (await control.PostAsync("connections/drop", content: null)).EnsureSuccessStatusCode();

    public async Task<Guid> SessionOfAsync(string userId)
    {
        var sessions = await Server.Services.GetRequiredService<SessionManager>().ListActiveAsync(Guid.Parse(userId), CancellationToken.None);
        return Assert.Single(sessions).Id;
    }

    public Task<HttpResponseMessage> LogoutAsync(string token) =>
        AuthClient.SendAsync(Server.Client, HttpMethod.Post, "/api/auth/logout", token);

    /// <summary>Polls until the condition holds; fails with the message after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string failure, Func<Task>? step = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < Patience, $"{failure} (waited {watch.Elapsed.TotalSeconds:F1} s)");
            if (step is not null)
            {
                await step();
            }

            await Task.Delay(25);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string failure, Func<Task>? step = null) =>
        EventuallyAsync(() => Task.FromResult(condition()), failure, step);

    public void Dispose() => control.Dispose();
}
