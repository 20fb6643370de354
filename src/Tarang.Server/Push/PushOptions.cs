using System.ComponentModel.DataAnnotations;

namespace Tarang.Server.Push;

/// <summary>Limits of the market hub, from the <c>Push</c> section.</summary>
public sealed class PushOptions
{
    public const string SectionName = "Push";

    /// <summary>Instruments one hub connection may subscribe at once.</summary>
    [Range(1, 5_000)]
    public int MaxInstrumentsPerConnection { get; set; } = 200;

    /// <summary>Hub connections one session may have open at once.</summary>
    [Range(1, 100)]
    public int MaxConnectionsPerSession { get; set; } = 10;

    /// <summary>Snapshots sent in one <c>marketUpdates</c> message at most.</summary>
    [Range(1, 1_000)]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>
    /// How long one send to a client may wait for the client to read before the connection is
    /// closed as stalled. Updates for a client that reads slowly are conflated meanwhile.
    /// </summary>
    public TimeSpan StalledClientTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest message in bytes a client may send to the hub (SignalR's <c>MaximumReceiveMessageSize</c>,
    /// default 32 KiB, which fits a subscribe request of several hundred instrument keys). A larger
    /// message closes the connection with an error.
    /// </summary>
    [Range(1_024, 1_048_576)]
    public int MaxReceiveMessageBytes { get; set; } = 32 * 1024;

    /// <summary>How long closing connections (session ended, shutdown) get to receive the reason.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
