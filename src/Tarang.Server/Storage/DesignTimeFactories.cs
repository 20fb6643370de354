using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tarang.Server.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the server.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTarangDbContext>
{
    public SqliteTarangDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTarangDbContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context; it never connects.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTarangDbContext>
{
    public PostgresTarangDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTarangDbContext>().UseNpgsql("Host=127.0.0.1;Database=tarang").Options);
}
