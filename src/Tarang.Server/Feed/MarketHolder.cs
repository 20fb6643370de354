namespace Tarang.Server.Feed;

/// <summary>
/// An owner of held instruments: a part of one user session (the session's own requests, its
/// watchlist or one of its hub connections, each with its own <see cref="Scope"/>), or the
/// default universe (<see cref="SessionId"/> null). Everything a session holds is released when it ends.
/// </summary>
public readonly record struct MarketHolder
{
    private MarketHolder(Guid? sessionId, string? scope)
    {
        SessionId = sessionId;
        Scope = scope;
    }

    /// <summary>The default universe, held while any session is active.</summary>
    public static MarketHolder DefaultUniverse { get; } = new(null, null);

    /// <summary>The session; null for the default universe.</summary>
    public Guid? SessionId { get; }

    /// <summary>The part of the session that requested the instruments; null for the session itself.</summary>
    public string? Scope { get; }

    public static MarketHolder ForSession(Guid sessionId, string? scope = null) => new(sessionId, scope);

    public override string ToString() => (SessionId, Scope) switch
    {
        (null, _) => "the default universe",
        ({ } id, null) => $"session {id}",
        ({ } id, { } scope) => $"session {id} ({scope})",
    };
}
