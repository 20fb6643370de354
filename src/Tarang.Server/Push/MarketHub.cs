using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;
using Tarang.Server.Sessions;

namespace Tarang.Server.Push;

/// <summary>
/// The market hub at <see cref="Path"/>: clients subscribe instruments in a mode, get a snapshot
/// of each, then every update (conflated per instrument), the feed's state and, before the server
/// closes them, a reason. Invocations count as the session's activity; an open connection alone
/// does not. The contract is in docs/push.md.
/// </summary>
[Authorize]
public sealed class MarketHub(
    PushRegistry registry,
    MarketSubscriptions subscriptions,
    MarketState marketState,
    SessionManager sessions,
    IOptions<PushOptions> options) : Hub
{
    public const string Path = "/hubs/market";

    public override Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var principal = http?.Features.Get<SessionPrincipal>();
        var token = http is null ? null : ReadToken(http.Request);
        if (principal is null || token is null)
        {
            Context.Abort();
            return Task.CompletedTask;
        }

        registry.Add(Context.ConnectionId, principal.SessionId, token, Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (registry.Remove(Context.ConnectionId) is { } connection)
        {
            subscriptions.ReleaseAll(connection.Holder);
        }

        return Task.CompletedTask;
    }

    /// <summary>Subscribes instruments in a mode (a new mode replaces the old one for those instruments) and returns their snapshots.</summary>
    public async Task<SubscribeResult> Subscribe(SubscribeRequest request)
    {
        var connection = await ActiveConnectionAsync().ConfigureAwait(false);
        var mode = ParseMode(request?.Mode);
        var instruments = ParseInstruments(request?.Instruments);
        var subscribed = connection.GetSubscriptions();
        var total = subscribed.Count + instruments.Count(i => !subscribed.ContainsKey(i));
        var limit = options.Value.MaxInstrumentsPerConnection;
        if (total > limit)
        {
            throw new HubException(
                $"A connection may subscribe at most {limit} instruments (Push:MaxInstrumentsPerConnection); it has {subscribed.Count} and asked for {instruments.Count} more. Unsubscribe some first.");
        }

        try
        {
            subscriptions.Hold(connection.Holder, instruments, mode);
        }
        catch (UnknownInstrumentsException exception)
        {
            throw new HubException(
                $"The instrument master has no {string.Join(", ", exception.Instruments)}; find keys with GET /api/instruments/search?q=... . Nothing was subscribed.");
        }
        catch (FeedCapacityExceededException)
        {
            throw new HubException("The market feed has no room for more instruments now; try again later. Nothing was subscribed.");
        }

        registry.Index(connection, instruments, mode);
        var snapshots = new List<MarketSnapshot>(instruments.Count);
        foreach (var instrument in instruments)
        {
            if (marketState.TryGetSnapshot(instrument, out var snapshot))
            {
                snapshots.Add(snapshot);
            }
        }

        return new SubscribeResult(ModeName(mode), [.. instruments.Select(i => i.ToString())], snapshots);
    }

    /// <summary>Unsubscribes instruments; ones not subscribed are ignored.</summary>
    public async Task<UnsubscribeResult> Unsubscribe(UnsubscribeRequest request)
    {
        var connection = await ActiveConnectionAsync().ConfigureAwait(false);
        var instruments = ParseInstruments(request?.Instruments);
        var subscribed = connection.GetSubscriptions();
        var releasing = instruments.Where(subscribed.ContainsKey).ToList();
        registry.Unindex(connection, releasing);
        subscriptions.Release(connection.Holder, releasing);
        return new UnsubscribeResult([.. releasing.Select(i => i.ToString())], subscribed.Count - releasing.Count);
    }

    /// <summary>Counts as the user's activity, so the session does not go idle while the user is present.</summary>
    public async Task<HeartbeatResult> Heartbeat()
    {
        var connection = registry.Find(Context.ConnectionId) ?? throw new HubException("The connection is closing.");
        var (_, principal) = await sessions.AuthenticateAsync(connection.Token, Context.ConnectionAborted).ConfigureAwait(false);
        return principal is null
            ? throw SessionEnded(connection)
            : new HeartbeatResult(Tarang.Market.Time.Ist.ToIst(principal.ExpiresAt), Tarang.Market.Time.Ist.ToIst(principal.PreviousActivityAt));
    }

    private static string? ReadToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query.TryGetValue(SessionAuthenticationHandler.AccessTokenParameter, out var query) && !string.IsNullOrEmpty(query) ? query.ToString() : null;
    }

    private static FeedMode ParseMode(string? mode) => mode?.Trim().ToUpperInvariant() switch
    {
        null or "" or "QUOTE" => FeedMode.Quote,
        "TICKER" => FeedMode.Ticker,
        "FULL" => FeedMode.Full,
        _ => throw new HubException($"mode '{mode}' is not a feed mode; use ticker, quote or full."),
    };

    private static string ModeName(FeedMode mode) => mode.ToString().ToLowerInvariant();

    private static List<InstrumentKey> ParseInstruments(IReadOnlyList<string>? keys)
    {
        if (keys is null || keys.Count == 0)
        {
            throw new HubException("instruments is empty; send keys such as [\"NSE_EQ:2885\", \"IDX_I:13\"].");
        }

        var parsed = new List<InstrumentKey>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            if (!InstrumentKey.TryParse(keys[i], out var key))
            {
                throw new HubException($"instruments[{i}] '{keys[i]}' is not an instrument key; use SEGMENT:SECURITY_ID, such as NSE_EQ:2885.");
            }

            parsed.Add(key);
        }

        return [.. parsed.Distinct()];
    }

    private HubException SessionEnded(PushConnection connection)
    {
        registry.Close(connection, "The session ended; log in again.");
        return new HubException("The session has ended (logged out, revoked or idle too long); log in again.");
    }

    private async Task<PushConnection> ActiveConnectionAsync()
    {
        var connection = registry.Find(Context.ConnectionId) ?? throw new HubException("The connection is closing.");
        var (check, _) = await sessions.AuthenticateAsync(connection.Token, Context.ConnectionAborted).ConfigureAwait(false);
        return check == SessionCheck.Active ? connection : throw SessionEnded(connection);
    }
}
