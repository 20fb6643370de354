using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tarang.Server.Tests;

/// <summary>Runs the server process and checks the shape and levels of its stdout lines in Production and Development.</summary>
public partial class LogFormatTests
{
    private static readonly string[] RequiredFields = ["timestamp", "level", "category", "eventId", "message", "properties"];

    [Fact]
    public async Task ProductionLogs_AreOneJsonObjectPerLine()
    {
        await using var server = await ServerProcess.StartAsync("--RequestLogging:Enabled=true");
        using var client = server.CreateClient();

        var (token, _) = await AuthClient.RegisterAsync(client, "json@example.com");
        await AuthClient.SendAsync(client, HttpMethod.Get, "/api/auth/me", token);
        await client.GetAsync("/no-such-route?access_token=secret-value");

        // The feed starts for the session; its state changes are lifecycle lines Production keeps.
        await WaitForLineAsync(server, "\"eventId\":1002");
        await server.StopAsync();

        var lines = server.OutputLines.ToList();
        Assert.NotEmpty(lines);
        var entries = new List<JsonElement>();
        foreach (var line in lines)
        {
            using var document = ParseOrFail(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            foreach (var field in RequiredFields)
            {
                Assert.True(document.RootElement.TryGetProperty(field, out _), $"The line has no '{field}' field: {line}");
            }

            Assert.True(DateTimeOffset.TryParse(document.RootElement.GetProperty("timestamp").GetString(), out _), $"The timestamp is not ISO-8601: {line}");
            entries.Add(document.RootElement.Clone());
        }

        // Request lines carry the request's ids, so a log search can follow one request.
        var requestLines = entries.Where(e => e.GetProperty("category").GetString() == "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware").ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("requestId").GetString())));
        Assert.All(requestLines, e => Assert.Equal(32, e.GetProperty("traceId").GetString()!.Length));

        // Production levels: lifecycle lines at Information, nothing at Debug, no per-session lines.
        Assert.Contains(entries, e => e.GetProperty("category").GetString() == "Microsoft.Hosting.Lifetime" && e.GetProperty("level").GetString() == "Information");
        Assert.Contains(entries, e => e.GetProperty("category").GetString() == "Tarang.Dhan.Feed.Connection.DhanFeed" && e.GetProperty("eventId").GetInt32() == 1002);
        Assert.DoesNotContain(entries, e => e.GetProperty("level").GetString() is "Debug" or "Trace");
        Assert.DoesNotContain(entries, e => e.GetProperty("category").GetString() == "Tarang.Server.Sessions.SessionManager");
    }

    [Fact]
    public async Task DevelopmentLogs_AreReadableLines()
    {
        await using var server = await ServerProcess.StartAsync("--environment", "Development");
        using var client = server.CreateClient();

        await client.GetAsync("/api/health?access_token=secret-value");
        await WaitForLineAsync(server, "Request and Response:");
        await server.StopAsync();

        var lines = server.OutputLines.ToList();
        Assert.DoesNotContain(lines, line => line.StartsWith('{'));
        Assert.Contains(lines, line => ReadableLinePattern().IsMatch(line) && line.Contains(" info Microsoft.Hosting.Lifetime[14] Now listening on: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => ReadableLinePattern().IsMatch(line) && line.Contains(" dbug ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("access_token=[Redacted]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("secret-value", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3} (trce|dbug|info|warn|fail|crit) [\w.]+\[\d+\] ")]
    private static partial Regex ReadableLinePattern();

    private static JsonDocument ParseOrFail(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            Assert.Fail($"A stdout line is not JSON ({exception.Message}): {line}");
            throw;
        }
    }

    private static async Task WaitForLineAsync(ServerProcess server, string fragment)
    {
        var watch = Stopwatch.StartNew();
        while (!server.OutputLines.Any(line => line.Contains(fragment, StringComparison.Ordinal)))
        {
            Assert.True(watch.Elapsed < FeedTestKit.Patience, $"No line containing {fragment} within {FeedTestKit.Patience}:\n{string.Join('\n', server.Lines)}");
            await Task.Delay(50);
        }
    }
}
