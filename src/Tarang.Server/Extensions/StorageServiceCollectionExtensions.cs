using Microsoft.EntityFrameworkCore;
using Tarang.Server.Sessions;
using Tarang.Server.Storage;

namespace Tarang.Server.Extensions;

/// <summary>Registers the database and the session services.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        services.AddOptions<DatabaseOptions>().Bind(section).ValidateOnStart();
        var database = section.Get<DatabaseOptions>() ?? new DatabaseOptions();

        // The binder accepts any number for an enum, so "Database:Provider=5" would otherwise mean SQLite.
        if (!Enum.IsDefined(database.Provider))
        {
            throw new InvalidOperationException($"Database:Provider is '{section[nameof(DatabaseOptions.Provider)]}'; set it to Sqlite or Postgres.");
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but Database:ConnectionString is missing; set it to an Npgsql connection string such as 'Host=127.0.0.1;Database=tarang;Username=tarang'.");
            }

            services.AddDbContextFactory<PostgresTarangDbContext>(builder => builder.UseNpgsql(database.ConnectionString));
            services.AddSingleton<IDbContextFactory<TarangDbContext>, TarangDbContextFactory<PostgresTarangDbContext>>();
        }
        else
        {
            var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
                ? DatabaseOptions.DefaultSqliteConnectionString
                : database.ConnectionString;
            services.AddDbContextFactory<SqliteTarangDbContext>(builder => builder.UseSqlite(connectionString));
            services.AddSingleton<IDbContextFactory<TarangDbContext>, TarangDbContextFactory<SqliteTarangDbContext>>();
        }

        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionLifetimeOptions>()
            .Bind(configuration.GetSection(SessionLifetimeOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SessionLifetimeOptions>, SessionLifetimeOptionsValidator>();

        services.AddSingleton<SessionEvents>();
        services.AddSingleton<SessionManager>();
        services.AddSingleton<SessionMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<SessionMonitor>());
        services.AddSingleton<SessionCleanup>();
        services.AddHostedService(provider => provider.GetRequiredService<SessionCleanup>());
        return services;
    }
}
