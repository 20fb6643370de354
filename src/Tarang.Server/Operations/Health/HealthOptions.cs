namespace Tarang.Server.Operations.Health;

/// <summary>The readiness checks (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Default <see cref="DatabaseTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultDatabaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the database check waits for its query (<c>SELECT 1</c>) before it reports the
    /// database unhealthy and readiness fails (default 00:00:05).
    /// </summary>
    public TimeSpan DatabaseTimeout { get; set; } = DefaultDatabaseTimeout;
}
