namespace Tarang.Server.Feed;

/// <summary>Who holds instruments: one user session, or the default universe (<see cref="SessionId"/> null).</summary>
public readonly record struct MarketHolder
{
    private MarketHolder(Guid? sessionId) => SessionId = sessionId;

    /// <summary>The default universe, held while any session is active.</summary>
    public static MarketHolder DefaultUniverse { get; } = new(null);

    /// <summary>The session; null for the default universe.</summary>
    public Guid? SessionId { get; }

    public static MarketHolder ForSession(Guid sessionId) => new(sessionId);

    public override string ToString() => SessionId is { } id ? $"session {id}" : "the default universe";
}
