using Microsoft.EntityFrameworkCore;

namespace Tarang.Server.Storage;

/// <summary>
/// The model on PostgreSQL, with its migrations in Storage/Migrations/Postgres. Instants map to
/// <c>timestamp with time zone</c>, which Npgsql writes only from UTC values.
/// </summary>
public sealed class PostgresTarangDbContext(DbContextOptions<PostgresTarangDbContext> options) : TarangDbContext(options);
