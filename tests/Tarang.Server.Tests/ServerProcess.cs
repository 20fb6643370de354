using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
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

    /// <summary>The SQLite file of this process.</summary>
    public string DatabasePath => databasePath;

    public static Task<ServerProcess> StartAsync(params string[] settings) => StartAsync(poolDatabaseConnections: false, settings);

    /// <param name="poolDatabaseConnections">
    /// Keep SQLite's connection pool on, as in production, so pooled connections stay open until the
    /// server closes them.
    /// </param>
    /// <param name="settings">Extra command-line settings, such as <c>--Feed:DisconnectGracePeriod=00:00:00</c>.</param>
    public static async Task<ServerProcess> StartAsync(bool poolDatabaseConnections, params string[] settings)
    {
        var server = Launch(settings, poolDatabaseConnections);
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
        var server = Launch(settings, poolDatabaseConnections: false);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await server.process.WaitForExitAsync(timeout.Token);
        return server;
    }

    private static ServerProcess Launch(string[] settings, bool poolDatabaseConnections)
    {
        var folder = AppContext.BaseDirectory;
        var databasePath = Path.Combine(Path.GetTempPath(), $"tarang-process-{Guid.NewGuid():N}.db");
        var pooling = poolDatabaseConnections ? string.Empty : ";Pooling=False";
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
            $"--Database:ConnectionString=Data Source={databasePath}{pooling}",
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

    /// <summary>Sends a POSIX signal (<c>TERM</c>, <c>INT</c>) to the process with the system's kill command.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, process.Id.ToString(CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} {process.Id} failed with exit code {kill.ExitCode}.");
    }

    /// <summary>Waits until the process exits by itself; fails after <paramref name="timeout"/>, leaving it to dispose.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The server process did not exit within {timeout}:\n{string.Join('\n', lines)}");
        }
    }

    /// <summary>Waits until a line containing <paramref name="text"/> was written; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(watch.Elapsed < timeout, $"The server process wrote no line containing '{text}' within {timeout}:\n{string.Join('\n', lines)}");
            await Task.Delay(25);
        }
    }

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
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(databasePath + suffix);
        }
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
