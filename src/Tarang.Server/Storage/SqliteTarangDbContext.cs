using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tarang.Server.Storage;

/// <summary>The model on SQLite, with its migrations in Storage/Migrations/Sqlite.</summary>
public sealed class SqliteTarangDbContext(DbContextOptions<SqliteTarangDbContext> options) : TarangDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite stores DateTime as ISO-8601 text, which orders and compares correctly, but reads it
        // back with DateTimeKind.Unspecified. Every instant here is UTC, so reads mark it as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
