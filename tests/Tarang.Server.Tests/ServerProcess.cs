using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tarang.Server.Tests;

/// <summary>
/// Runs the built server as its own process (<c>dotnet Tarang.Server.dll</c>) on a free loopback
/// port and captures every stdout and stderr line, so tests can scan what the server logs.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ConcurrentQueue<string> outputLines = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string databasePath;

    private ServerProcess(Process process, string databasePath)
    {
        this.process = process;
        this.databasePath = databasePath;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every line the process wrote so far, stdout and stderr interleaved as they arrived.</summary>
    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>The lines the process wrote to stdout only, where the logs go.</summary>
    public IReadOnlyCollection<string> OutputLines => outputLines;

    /// <summary>The exit code once the process has exited.</summary>
    public int ExitCode => process.ExitCode;

    public static async Task<ServerProcess> StartAsync(params string[] settings)
    {
        var server = Launch(settings);
        try
        {
            server.Address = await server.listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Runs the server with settings that should stop its start, and waits for it to exit.</summary>
    public static async Task<ServerProcess> RunToExitAsync(params string[] settings)
    {
        var server = Launch(settings);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await server.process.WaitForExitAsync(timeout.Token);
        return server;
    }

    private static ServerProcess Launch(string[] settings)
    {
        var folder = AppContext.BaseDirectory;
        var databasePath = Path.Combine(Path.GetTempPath(), $"tarang-process-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Path.Combine(folder, "Tarang.Server.dll"),
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--Simulator:Port=0",
            $"--Database:ConnectionString=Data Source={databasePath};Pooling=False",
            .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, databasePath);
        process.OutputDataReceived += (_, e) => server.Capture(e.Data, fromOutput: true);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data, fromOutput: false);
        process.Exited += (_, _) => server.listening.TrySetException(new InvalidOperationException(
            $"The server process exited with code {process.ExitCode} before listening:\n{string.Join('\n', server.lines)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    /// <summary>Stops the process and waits until its output is fully read.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        File.Delete(databasePath);
    }

    private void Capture(string? line, bool fromOutput)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        if (fromOutput)
        {
            outputLines.Enqueue(line);
        }

        var match = ListeningPattern().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}
