namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// One disconnect or failed connect attempt. <see cref="Detail"/> is an error message with the
/// feed URL's query string and the token removed.
/// </summary>
public sealed record FeedDisconnect(FeedDisconnectKind Kind, DateTimeOffset At)
{
    /// <summary>Dhan's reason code (800–814) when <see cref="Kind"/> is <see cref="FeedDisconnectKind.DhanReason"/>.</summary>
    public int? ReasonCode { get; init; }

    /// <summary>The HTTP status of a rejected upgrade.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>What went wrong, redacted.</summary>
    public string? Detail { get; init; }

    /// <summary>How long the socket had been open; zero for a failed connect attempt.</summary>
    public TimeSpan OpenFor { get; init; }

    public override string ToString() => Kind switch
    {
        FeedDisconnectKind.DhanReason => $"Dhan reason {ReasonCode} ({DhanDisconnectReasons.Describe(ReasonCode ?? 0)})",
        FeedDisconnectKind.UpgradeRejected => $"upgrade rejected with HTTP {HttpStatusCode}",
        _ when Detail is not null => $"{Kind}: {Detail}",
        _ => Kind.ToString(),
    };
}
