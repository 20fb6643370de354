using System.Text.Json;
using Tarang.Server.LiveData;

namespace Tarang.Server.Apis;

/// <summary>
/// The body of <c>POST /api/watchlist</c>: a trading <see cref="Symbol"/> with an optional
/// <see cref="Exchange"/> (a Dhan segment name, NSE_EQ by default), or an instrument key as
/// <see cref="Segment"/> and <see cref="SecurityId"/> (a number or a numeric string).
/// </summary>
public sealed record WatchlistAddRequest(string? Symbol, string? Exchange, string? Segment, JsonElement? SecurityId);

/// <summary>
/// One watchlist item with its live data. <see cref="Exchange"/> repeats <see cref="Segment"/> for
/// clients of the legacy API; <see cref="Market"/> is null until the feed has sent a value;
/// <see cref="LiveDataUnavailable"/> gives the reason the feed does not carry the item, null when it does.
/// </summary>
public sealed record WatchlistItemResponse(
    Guid Id,
    string Symbol,
    string Exchange,
    string Segment,
    long SecurityId,
    string Instrument,
    string? Name,
    DateTimeOffset CreatedAt,
    MarketSnapshot? Market,
    string? LiveDataUnavailable);

/// <summary>The body of <c>GET /api/watchlist</c>, newest item first.</summary>
public sealed record WatchlistListResponse(bool Success, IReadOnlyList<WatchlistItemResponse> Data);

/// <summary>The body of a successful <c>POST /api/watchlist</c>: the created item.</summary>
public sealed record WatchlistAddedResponse(bool Success, WatchlistItemResponse Data);

/// <summary>The body of a successful delete, <c>{success: true, message: "Removed"}</c> as the legacy API sent.</summary>
public sealed record WatchlistRemovedResponse(bool Success, string Message);

/// <summary>An instrument listed in an error: a candidate of an ambiguous symbol, or one of several matching items.</summary>
public sealed record WatchlistCandidate(string Instrument, string Segment, long SecurityId, string Symbol, string? Name, string? Series);
