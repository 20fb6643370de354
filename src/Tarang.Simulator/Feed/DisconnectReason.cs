namespace Tarang.Simulator.Feed;

/// <summary>Dhan's disconnect reason codes that the simulator sends in a feed disconnect packet.</summary>
public static class DisconnectReason
{
    /// <summary>800: internal server error.</summary>
    public const ushort InternalServerError = 800;

    /// <summary>804: requested number of instruments exceeds limit (per message or per connection).</summary>
    public const ushort InstrumentLimit = 804;

    /// <summary>805: too many requests or connections; sent to the oldest socket when a sixth opens.</summary>
    public const ushort TooManyConnections = 805;

    /// <summary>814: invalid request (malformed JSON, unknown request code or segment, numeric security id).</summary>
    public const ushort InvalidRequest = 814;
}
