using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Tarang.Load;

/// <summary>
/// The Tarang server as its own process (<c>dotnet Tarang.Server.dll</c>), so that its memory and
/// CPU are its own. It gets a free loopback port, a SQLite file in a temporary folder and the
/// settings the run needs. The last lines it wrote are kept for the report; the rest are counted.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private const int MaxEventKinds = 100;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly string folder;
    private readonly Queue<string> lastLines = new();
    private readonly Lock linesLock = new();
    private readonly Dictionary<string, long> eventCounts = [];
    private StreamWriter? fullLog;
    private long lineCount;
    private long warningLines;
    private long errorLines;

    private ServerProcess(Process process, string folder, Uri address)
    {
        this.process = process;
        this.folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public long LineCount => Interlocked.Read(ref lineCount);

    /// <summary>Lines at level Warning (<c>warn:</c> or a JSON <c>"Warning"</c> level).</summary>
    public long WarningLines => Interlocked.Read(ref warningLines);

    /// <summary>Lines at level Error or Critical.</summary>
    public long ErrorLines => Interlocked.Read(ref errorLines);

    /// <summary>
    /// Starts the server on a free port. The port is free when chosen, but an outgoing connection
    /// may take it before the server binds, so a start that fails to bind is retried on another port.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, IEnumerable<string> settings, CancellationToken cancellationToken, string? logFile = null)
    {
        const int Attempts = 3;
        var settingsList = settings.ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(serverDll, settingsList, logFile, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException exception) when (attempt < Attempts && exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Another port is tried.
            }
        }
    }

    private static async Task<ServerProcess> StartOnceAsync(string serverDll, IEnumerable<string> settings, string? logFile, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("tarang-load-").FullName;
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            serverDll,
            "--urls", $"http://127.0.0.1:{port}",
            "--environment", "Production",
            "--Database:Provider=Sqlite",
            $"--Database:ConnectionString=Data Source={Path.Combine(folder, "tarang.db")}",
            .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, folder, address)
        {
            fullLog = logFile is null ? null : new StreamWriter(logFile, append: false) { AutoFlush = true },
        };
        process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilServingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Returns the last lines the process wrote, oldest first.</summary>
    public IReadOnlyList<string> LastLines()
    {
        lock (linesLock)
        {
            return [.. lastLines];
        }
    }

    /// <summary>Returns how many lines each log event (level, category and event id) wrote, Debug and above.</summary>
    public IReadOnlyDictionary<string, long> EventCounts()
    {
        lock (linesLock)
        {
            return new Dictionary<string, long>(eventCounts);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
        lock (linesLock)
        {
            fullLog?.Dispose();
            fullLog = null;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a child that has not quite gone; the temporary folder is left behind.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The server returns its description for GET / once Kestrel serves. Until then the port is closed.
    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The server process exited with code {process.ExitCode} before serving. Its last lines:\n{string.Join('\n', LastLines())}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request timed out while the server was starting.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The server did not serve GET / within {StartTimeout.TotalSeconds} s. Its last lines:\n{string.Join('\n', LastLines())}");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref lineCount);
        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.Contains("\"Warning\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref warningLines);
        }
        else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
            || line.Contains("\"Error\"", StringComparison.Ordinal) || line.Contains("\"Critical\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref errorLines);
        }

        var eventKey = EventKeyOf(line);
        lock (linesLock)
        {
            if (eventKey is not null && (eventCounts.ContainsKey(eventKey) || eventCounts.Count < MaxEventKinds))
            {
                eventCounts[eventKey] = eventCounts.GetValueOrDefault(eventKey) + 1;
            }

            fullLog?.WriteLine(line);
            lastLines.Enqueue(line);
            while (lastLines.Count > KeptLines)
            {
                lastLines.Dequeue();
            }
        }
    }

    // "warn: Tarang.Server.Hub[4101]" from the simple console, or the JSON console's fields.
    private static string? EventKeyOf(string line)
    {
        var simple = SimpleConsoleHeader().Match(line);
        if (simple.Success)
        {
            return $"{simple.Groups[1].Value} {simple.Groups[2].Value}[{simple.Groups[3].Value}]";
        }

        var level = JsonLevel().Match(line);
        var category = JsonCategory().Match(line);
        var eventId = JsonEventId().Match(line);
        return level.Success && category.Success
            ? $"{level.Groups[1].Value} {category.Groups[1].Value}[{(eventId.Success ? eventId.Groups[1].Value : "0")}]"
            : null;
    }

    [GeneratedRegex(@"^(dbug|info|warn|fail|crit): (\S+?)\[(\d+)\]")]
    private static partial Regex SimpleConsoleHeader();

    [GeneratedRegex(@"""(?:LogLevel|level)"":\s*""(\w+)""")]
    private static partial Regex JsonLevel();

    [GeneratedRegex(@"""(?:Category|category)"":\s*""([^""]+)""")]
    private static partial Regex JsonCategory();

    [GeneratedRegex(@"""(?:EventId|eventId)"":\s*(\d+)")]
    private static partial Regex JsonEventId();
}
