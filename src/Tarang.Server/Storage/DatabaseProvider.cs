namespace Tarang.Server.Storage;

/// <summary>The database engines the model has migrations for.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
