using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Tarang.Server.Storage;

/// <summary>Creates the SQLite folder and applies pending migrations before the server takes requests.</summary>
internal sealed partial class DatabaseMigrator(
    IDbContextFactory<TarangDbContext> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteFolder(context.Database.GetDbConnection().DataSource);
        }

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        Log.Migrated(logger, options.Value.Provider, pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void CreateSqliteFolder(string dataSource)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(5012, LogLevel.Information, "The {Provider} database is up to date; {Count} migrations were applied at start.")]
        public static partial void Migrated(ILogger logger, DatabaseProvider provider, int count);
    }
}
