namespace Tarang.Server.Storage;

/// <summary>Which database holds users, sessions and the audit log (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The default SQLite file, relative to the working folder; <c>var/</c> is git-ignored.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=var/tarang.db";

    /// <summary><see cref="DatabaseProvider.Sqlite"/> (the default, embedded) or <see cref="DatabaseProvider.Postgres"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>An ADO.NET connection string for the provider; SQLite defaults to <see cref="DefaultSqliteConnectionString"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Applies pending migrations at start (default on).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
