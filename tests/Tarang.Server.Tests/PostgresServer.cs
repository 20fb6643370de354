using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tarang.Server.Tests;

/// <summary>
/// A throwaway PostgreSQL server for the storage tests: initdb on a temporary folder owned by the
/// <c>postgres</c> user (the server refuses to run as root), started with <c>runuser</c> on a free
/// loopback port and removed at dispose. Each test gets its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// When the binaries are missing the fixture fails every PostgreSQL test with the reason, so a
/// machine without PostgreSQL never reports those tests as passed; .ci/run installs it first.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Debian's location of the PostgreSQL 15 server binaries; <c>TARANG_PG_BIN</c> overrides it.</summary>
    public const string DefaultBinaries = "/usr/lib/postgresql/15/bin";

    private string? folder;
    private string? unavailable;
    private bool stopped;

    public int Port { get; private set; }

    private static string Binaries => Environment.GetEnvironmentVariable("TARANG_PG_BIN") is { Length: > 0 } path ? path : DefaultBinaries;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Binaries, "initdb")) || !File.Exists(Path.Combine(Binaries, "pg_ctl")))
        {
            unavailable = $"PostgreSQL server binaries were not found in {Binaries}; install them with 'apt-get install -y postgresql' or set TARANG_PG_BIN.";
            return;
        }

        folder = Path.Combine(Path.GetTempPath(), $"tarang-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "socket"));
        await RunAsync("chown", $"-R postgres:postgres {folder}");

        var data = Path.Combine(folder, "data");
        await RunAsPostgresAsync("initdb", $"-D {data} -A trust -U postgres --no-sync -E UTF8");

        Port = FreePort();
        await RunAsPostgresAsync("pg_ctl", $"-D {data} -l {Path.Combine(folder, "server.log")} -w -t 60 -o \"-p {Port} -k {Path.Combine(folder, "socket")} -c listen_addresses=127.0.0.1 -c fsync=off\" start");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (unavailable is not null)
        {
            throw new InvalidOperationException(unavailable);
        }

        var name = $"tarang_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server at once (immediate mode), as a crash or an outage would; dispose still cleans up.</summary>
    public async Task StopAsync()
    {
        if (folder is null || stopped)
        {
            return;
        }

        stopped = true;
        await RunAsPostgresAsync("pg_ctl", $"-D {Path.Combine(folder, "data")} -m immediate -w stop");
    }

    public async Task DisposeAsync()
    {
        if (folder is null)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            await StopAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string tool, string arguments) =>
        RunAsync("runuser", $"-u postgres -- {Path.Combine(Binaries, tool)} {arguments}");

    private static async Task RunAsync(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Failed to start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {arguments}' failed with exit code {process.ExitCode}: {await output}{await error}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
