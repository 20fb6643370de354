using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Tarang.Market.Instruments;
using Tarang.Market.Time;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;
using Tarang.Server.Services;
using Tarang.Server.Watchlists;

namespace Tarang.Server.Apis;

/// <summary>
/// <c>/api/watchlist</c>, the legacy paths and success shapes: each user's list of instruments,
/// stored by instrument key and enriched with the live data the feed has. Every route reads and
/// changes only the caller's own list.
/// </summary>
public static partial class WatchlistApi
{
    public static IEndpointRouteBuilder MapWatchlistApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/watchlist").WithTags("Watchlist").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("Lists the user's watchlist, newest first, each item with its latest market snapshot or null.");
        group.MapPost("/", Add)
            .WithSummary("Adds an instrument by {symbol, exchange} (exchange defaults to NSE_EQ; NIFTY_50, BANK_NIFTY, SENSEX and FINNIFTY name the indices) or by {segment, securityId}; returns 200 with the item.");
        group.MapDelete("/{symbol}", RemoveBySymbol)
            .WithSummary("Removes the item with this trading symbol; 409 lists the items when the symbol matches several, which DELETE /api/watchlist/{segment}/{securityId} removes one at a time.");
        group.MapDelete("/{segment}/{securityId}", RemoveByKey)
            .WithSummary("Removes the item of one instrument, by exchange segment (NSE_EQ, IDX_I, ...) and security id.");
        return routes;
    }

    private static async Task<Ok<WatchlistListResponse>> List(
        HttpContext context, WatchlistStore store, WatchlistHoldings holdings, LatestValues latestValues, MarketState marketState, MarketReferenceData referenceData)
    {
        var session = AuthApi.CurrentSession(context);
        var items = await store.ListAsync(session.UserId, context.RequestAborted);
        var enricher = new Enricher(session.SessionId, holdings, latestValues, marketState, referenceData.Catalog);
        return TypedResults.Ok(new WatchlistListResponse(true, [.. items.Select(enricher.ToResponse)]));
    }

    private static async Task<Results<Ok<WatchlistAddedResponse>, ProblemHttpResult>> Add(
        HttpContext context,
        WatchlistStore store,
        WatchlistHoldings holdings,
        LatestValues latestValues,
        MarketState marketState,
        MarketReferenceData referenceData,
        Microsoft.Extensions.Options.IOptions<WatchlistOptions> options,
        ILoggerFactory loggers)
    {
        var (body, problem) = await RequestBodies.ReadAsync<WatchlistAddRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var catalog = referenceData.Catalog;
        var (instrument, invalid) = ResolveInstrument(body!, catalog);
        if (invalid is not null)
        {
            return invalid;
        }

        var session = AuthApi.CurrentSession(context);
        var (outcome, item) = await store.AddAsync(session.UserId, instrument!, context.RequestAborted);
        if (outcome == WatchlistAddOutcome.AlreadyPresent)
        {
            return Problems.BadRequest(
                "symbol", $"Already in watchlist: {instrument!.Symbol} ({instrument.Key}) is on the list; GET /api/watchlist shows it.");
        }

        if (outcome == WatchlistAddOutcome.LimitReached)
        {
            return TypedResults.Problem(Problems.Details(
                StatusCodes.Status400BadRequest,
                "Watchlist full",
                $"The watchlist is full: it has the maximum of {options.Value.MaxItems} items (Watchlist:MaxItems); remove one with DELETE /api/watchlist/{{symbol}} first.",
                field: null));
        }

        await RefreshHoldingsAsync(holdings, session.UserId, loggers, context.RequestAborted);
        var enricher = new Enricher(session.SessionId, holdings, latestValues, marketState, catalog);
        return TypedResults.Ok(new WatchlistAddedResponse(true, enricher.ToResponse(item!)));
    }

    private static async Task<Results<Ok<WatchlistRemovedResponse>, ProblemHttpResult>> RemoveBySymbol(
        HttpContext context, string symbol, WatchlistStore store, WatchlistHoldings holdings, MarketReferenceData referenceData, ILoggerFactory loggers)
    {
        var session = AuthApi.CurrentSession(context);
        var text = symbol.Trim().ToUpperInvariant();
        var catalog = referenceData.Catalog;

        // An item added as NIFTY_50 is stored as the index NIFTY; the alias still removes it.
        var aliasKeys = WatchlistSymbols.LegacyIndexAliases.TryGetValue(text, out var indexSymbol)
            ? catalog.FindBySymbol(indexSymbol).Where(i => i.Key.Segment == ExchangeSegment.IdxI).Select(i => i.Key).ToHashSet()
            : [];
        var items = await store.ListAsync(session.UserId, context.RequestAborted);
        var matches = items.Where(i => string.Equals(i.Symbol, text, StringComparison.OrdinalIgnoreCase) || aliasKeys.Contains(i.Key)).ToList();
        if (matches.Count == 0)
        {
            return Problems.NotFound($"Not found: no watchlist item has the symbol '{text}'; GET /api/watchlist lists the items.");
        }

        if (matches.Count > 1)
        {
            var listed = string.Join(", ", matches.Select(i => $"{i.Symbol} ({i.Key})"));
            var details = Problems.Details(
                StatusCodes.Status409Conflict,
                "Conflict",
                $"The symbol '{text}' matches {matches.Count} watchlist items: {listed}. Remove one with DELETE /api/watchlist/{{segment}}/{{securityId}}.",
                "symbol");
            details.Extensions["candidates"] = matches.Select(i => ToCandidate(i, catalog)).ToList();
            return TypedResults.Problem(details);
        }

        return await RemoveAsync(context, matches[0], store, holdings, loggers);
    }

    private static async Task<Results<Ok<WatchlistRemovedResponse>, ProblemHttpResult>> RemoveByKey(
        HttpContext context, string segment, string securityId, WatchlistStore store, WatchlistHoldings holdings, ILoggerFactory loggers)
    {
        var (key, invalid) = ParseKey(segment, securityId);
        if (invalid is not null)
        {
            return invalid;
        }

        var session = AuthApi.CurrentSession(context);
        var items = await store.ListAsync(session.UserId, context.RequestAborted);
        var item = items.FirstOrDefault(i => i.Key == key);
        return item is null
            ? Problems.NotFound($"Not found: {key} is not on the watchlist; GET /api/watchlist lists the items.")
            : await RemoveAsync(context, item, store, holdings, loggers);
    }

    private static async Task<Results<Ok<WatchlistRemovedResponse>, ProblemHttpResult>> RemoveAsync(
        HttpContext context, WatchlistItem item, WatchlistStore store, WatchlistHoldings holdings, ILoggerFactory loggers)
    {
        if (!await store.RemoveAsync(item.UserId, item.Id, context.RequestAborted))
        {
            return Problems.NotFound($"Not found: {item.Symbol} ({item.Key}) was removed by another request; GET /api/watchlist lists the items.");
        }

        await RefreshHoldingsAsync(holdings, item.UserId, loggers, context.RequestAborted);
        return TypedResults.Ok(new WatchlistRemovedResponse(true, "Removed"));
    }

    /// <summary>Updates the feed holdings after a change; the stored change is kept even when this fails.</summary>
    private static async Task RefreshHoldingsAsync(WatchlistHoldings holdings, Guid userId, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await holdings.RefreshUserAsync(userId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.HoldingFailed(loggers.CreateLogger(typeof(WatchlistApi).FullName!), exception, userId);
        }
    }

    private static (Instrument? Instrument, ProblemHttpResult? Problem) ResolveInstrument(WatchlistAddRequest body, InstrumentCatalog catalog)
    {
        var hasSecurityId = body.SecurityId is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        var hasKey = body.Segment is not null || hasSecurityId;
        if (hasKey)
        {
            if (!string.IsNullOrWhiteSpace(body.Symbol))
            {
                return (null, Problems.BadRequest("symbol", "Send either 'symbol' (with an optional 'exchange') or 'segment' and 'securityId', not both."));
            }

            if (string.IsNullOrWhiteSpace(body.Segment))
            {
                return (null, Problems.BadRequest("segment", $"The field 'segment' is missing; send it with 'securityId', as a Dhan segment name: {WatchlistSymbols.SegmentNames()}."));
            }

            if (!hasSecurityId)
            {
                return (null, Problems.BadRequest("securityId", "The field 'securityId' is missing; send Dhan's numeric security id with 'segment', for example 2885."));
            }

            var idText = body.SecurityId!.Value.ValueKind == JsonValueKind.String ? body.SecurityId.Value.GetString()! : body.SecurityId.Value.GetRawText();
            var (key, problem) = ParseKey(body.Segment, idText);
            if (problem is not null)
            {
                return (null, problem);
            }

            return catalog.TryGet(key, out var byKey)
                ? (byKey, null)
                : (null, Problems.BadRequest("securityId", $"The instrument {key} is not in the instrument master; check the segment and id, or search with /api/instruments/search."));
        }

        if (string.IsNullOrWhiteSpace(body.Symbol))
        {
            return (null, Problems.BadRequest("symbol", "Symbol required: the field 'symbol' is missing; send a trading symbol such as RELIANCE, or 'segment' and 'securityId'."));
        }

        if (body.Symbol.Trim().Length > WatchlistItem.MaxSymbolLength)
        {
            return (null, Problems.BadRequest("symbol", $"The field 'symbol' is longer than {WatchlistItem.MaxSymbolLength} characters; send a trading symbol such as RELIANCE."));
        }

        var resolution = WatchlistSymbols.Resolve(catalog, body.Symbol, body.Exchange);
        if (resolution.Instrument is not null)
        {
            return (resolution.Instrument, null);
        }

        var details = Problems.Details(StatusCodes.Status400BadRequest, "Invalid request", resolution.Error!, resolution.Field);
        if (resolution.Candidates.Count > 0)
        {
            details.Extensions["candidates"] = resolution.Candidates.Select(ToCandidate).ToList();
        }

        return (null, TypedResults.Problem(details));
    }

    private static (InstrumentKey Key, ProblemHttpResult? Problem) ParseKey(string segmentName, string securityId)
    {
        if (!ExchangeSegments.TryParseDhanName(segmentName.Trim(), out var segment))
        {
            return (default, Problems.BadRequest("segment", $"The segment '{segmentName}' is invalid; use a Dhan segment name: {WatchlistSymbols.SegmentNames()}."));
        }

        if (!uint.TryParse(securityId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            return (default, Problems.BadRequest("securityId", $"The security id '{securityId}' is invalid; send Dhan's numeric security id, a whole number such as 2885."));
        }

        return (new InstrumentKey(segment, id), null);
    }

    private static WatchlistCandidate ToCandidate(Instrument instrument) => new(
        instrument.Key.ToString(),
        instrument.Key.Segment.ToDhanName(),
        instrument.Key.SecurityId,
        instrument.Symbol,
        instrument.DisplayName,
        instrument.Series.Length == 0 ? null : instrument.Series);

    private static WatchlistCandidate ToCandidate(WatchlistItem item, InstrumentCatalog catalog) =>
        catalog.TryGet(item.Key, out var instrument)
            ? ToCandidate(instrument) with { Symbol = item.Symbol }
            : new WatchlistCandidate(item.Key.ToString(), item.Segment.ToDhanName(), item.SecurityId, item.Symbol, null, null);

    /// <summary>Turns stored items into responses with live data, reading the feed state and market status once.</summary>
    private sealed class Enricher(Guid sessionId, WatchlistHoldings holdings, LatestValues latestValues, MarketState marketState, InstrumentCatalog catalog)
    {
        private readonly SnapshotConditions conditions = marketState.Conditions();

        public WatchlistItemResponse ToResponse(WatchlistItem item)
        {
            var key = item.Key;
            catalog.TryGet(key, out var instrument);
            MarketSnapshot? market = null;
            if (instrument is not null && latestValues.TryGet(key, out var value))
            {
                market = MarketState.ToSnapshot(instrument, value, conditions);
            }

            var segment = item.Segment.ToDhanName();
            return new WatchlistItemResponse(
                item.Id,
                item.Symbol,
                segment,
                segment,
                item.SecurityId,
                key.ToString(),
                instrument?.DisplayName,
                Ist.ToIst(new DateTimeOffset(item.CreatedAt, TimeSpan.Zero)),
                market,
                holdings.UnavailableReason(sessionId, key));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4510, LogLevel.Error, "The watchlist of user {UserId} changed but holding it on the feed failed; its next change or login tries again.")]
        public static partial void HoldingFailed(ILogger logger, Exception exception, Guid userId);
    }
}
