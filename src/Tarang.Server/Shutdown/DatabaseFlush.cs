using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Tarang.Server.Storage;

namespace Tarang.Server.Shutdown;

/// <summary>
/// Leaves the database consistent on its own at exit. For SQLite (which EF Core creates in WAL
/// mode) it checkpoints the write-ahead log into the main file and closes the pooled connections,
/// so the last close removes the <c>-wal</c> file and the <c>.db</c> file alone contains every
/// committed row. For PostgreSQL it closes the pooled connections, so the server sees clean
/// disconnects rather than broken sockets.
/// </summary>
internal sealed partial class DatabaseFlush(
    IOptions<DatabaseOptions> options,
    IDbContextFactory<TarangDbContext> contexts,
    ILogger<DatabaseFlush> logger)
{
    /// <summary>
    /// The bound of the flush. The flush has a bound of its own because it also runs after the
    /// shutdown's limit, so a shutdown that reached the limit still leaves a complete file.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task FlushAsync()
    {
        var provider = options.Value.Provider;
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var checkpoint = await CheckpointAsync(timeout.Token).ConfigureAwait(false);
                SqliteConnection.ClearAllPools();
                LogSqliteFlushed(checkpoint);
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                LogPoolsClosed(provider);
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or OperationCanceledException)
        {
            // Committed data is safe either way: SQLite replays its WAL at the next open.
            LogFlushFailed(provider, exception);
        }
    }

    /// <returns>The checkpoint's result row: busy flag, WAL frames and frames checkpointed.</returns>
    private async Task<string> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // TRUNCATE also empties the WAL file, in case another connection keeps it open.
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return "no result";
        }

        return $"busy {reader.GetInt64(0)}, {reader.GetInt64(1)} WAL frames, {reader.GetInt64(2)} checkpointed";
    }

    [LoggerMessage(5306, LogLevel.Information, "Flushed the SQLite database: checkpointed the write-ahead log ({Checkpoint}) and closed the pooled connections.")]
    private partial void LogSqliteFlushed(string checkpoint);

    [LoggerMessage(5307, LogLevel.Information, "Closed the pooled {Provider} connections.")]
    private partial void LogPoolsClosed(DatabaseProvider provider);

    [LoggerMessage(5308, LogLevel.Warning, "Flushing the {Provider} database at shutdown failed; committed data is kept and a SQLite write-ahead log is replayed at the next start.")]
    private partial void LogFlushFailed(DatabaseProvider provider, Exception exception);
}
