using Microsoft.AspNetCore.Http.HttpResults;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;
using Tarang.Server.Apis.Market;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;

namespace Tarang.Server.Apis;

/// <summary>
/// <c>/api/market</c>: the legacy data routes (live-data, ltp, summary, indices, stock, feed-status)
/// in their old paths and success shapes, plus quotes by instrument key. Routes without an
/// instrument in the path serve the configured default universe, or the instruments of the
/// optional <c>instruments</c> parameter.
/// </summary>
public static class MarketApi
{
    private const string InstrumentsField = "instruments";

    public static RouteGroupBuilder MapMarketApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/market").WithTags("Market data").RequireAuthorization();
        group.ProducesProblem(StatusCodes.Status401Unauthorized);

        // Prices change every second, so no cache may keep a reply. The old summary route sent the same headers.
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-cache, no-store, must-revalidate";
            headers.Pragma = "no-cache";
            headers.Expires = "0";
            return await next(context);
        });

        const string instrumentsNote = " The optional 'instruments' parameter (comma-separated keys such as NSE_EQ:2885 or symbols such as NIFTY_50) replaces the default universe.";
        group.MapGet("/live-data", GetLiveData)
            .WithSummary("Returns the latest values of the default universe, split into stocks and indices.")
            .WithDescription("Instruments without data yet are listed with hasData false and null values." + instrumentsNote)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/ltp", GetLtp)
            .WithSummary("Returns the LTP, change and change percent of each instrument of the default universe.")
            .WithDescription(instrumentsNote.Trim())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/summary", GetSummary)
            .WithSummary("Returns gainers, losers, the top gainer and top loser by change percent, the indices and up to 8 stocks.")
            .WithDescription("A stock with zero change, or with no change yet, is counted in neither gainers nor losers." + instrumentsNote)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/indices", GetIndices)
            .WithSummary("Returns the latest values of the indices of the default universe.")
            .WithDescription(instrumentsNote.Trim())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/stock/{symbol}", GetStock)
            .WithSummary("Returns one stock by trading symbol (RELIANCE) or instrument key (NSE_EQ:2885). Indices are under /indices.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/quote/{segment}/{securityId}", GetQuote)
            .WithSummary("Returns one instrument's latest values by exchange segment and security id, holding it for this session if needed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/quotes", GetQuotes)
            .WithSummary("Returns the latest values of the instruments named in 'instruments', holding them for this session if needed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/feed-status", GetFeedStatus)
            .WithSummary("Returns the shared feed's state, since when, the market status and the exchange time.");
        group.MapGet("/websocket-status", GetFeedStatus)
            .WithSummary("The old path of /api/market/feed-status, with the same reply.");
        return group;
    }

    internal static async Task<Results<Ok<MarketResponse<LiveMarketData>>, ProblemHttpResult>> GetLiveData(
        [AsParameters] MarketRequest request, string[]? instruments, CancellationToken cancellationToken)
    {
        var (read, problem) = await ReadAsync(request, instruments, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var items = ToItems(read!);
        return TypedResults.Ok(request.Respond(new LiveMarketData(Stocks(items), Indices(items))));
    }

    internal static async Task<Results<Ok<MarketResponse<IReadOnlyList<LtpItem>>>, ProblemHttpResult>> GetLtp(
        [AsParameters] MarketRequest request, string[]? instruments, CancellationToken cancellationToken)
    {
        var (read, problem) = await ReadAsync(request, instruments, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        IReadOnlyList<LtpItem> items = [.. ToItems(read!).Select(LtpItem.From)];
        return TypedResults.Ok(request.Respond(items));
    }

    internal static async Task<Results<Ok<MarketResponse<MarketSummaryData>>, ProblemHttpResult>> GetSummary(
        [AsParameters] MarketRequest request, string[]? instruments, CancellationToken cancellationToken)
    {
        var (read, problem) = await ReadAsync(request, instruments, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var items = ToItems(read!);
        var stocks = Stocks(items);
        var gainers = stocks.Where(s => s.Change > 0).ToList();
        var losers = stocks.Where(s => s.Change < 0).ToList();
        var summary = new MarketSummary(
            TotalStocks: stocks.Count,
            Gainers: gainers.Count,
            Losers: losers.Count,
            Unchanged: stocks.Count(s => s.Change == 0),
            WithoutChange: stocks.Count(s => s.Change is null),
            TopGainer: gainers.OrderByDescending(s => s.ChangePercent).FirstOrDefault(),
            TopLoser: losers.OrderBy(s => s.ChangePercent).FirstOrDefault());
        var now = request.Now;
        var data = new MarketSummaryData(summary, Indices(items), [.. stocks.Take(MarketSummaryData.MaxTopStocks)], now);
        return TypedResults.Ok(request.Respond(data));
    }

    internal static async Task<Results<Ok<MarketResponse<IReadOnlyList<MarketItem>>>, ProblemHttpResult>> GetIndices(
        [AsParameters] MarketRequest request, string[]? instruments, CancellationToken cancellationToken)
    {
        var (read, problem) = await ReadAsync(request, instruments, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(request.Respond(Indices(ToItems(read!))));
    }

    internal static async Task<Results<Ok<MarketResponse<MarketItem>>, ProblemHttpResult>> GetStock(
        [AsParameters] MarketRequest request, string symbol, CancellationToken cancellationToken)
    {
        var resolution = InstrumentResolver.Resolve(request.ReferenceData.Catalog, symbol);
        if (resolution.Invalid is { } invalid)
        {
            return Problems.BadRequest("symbol", invalid);
        }

        if (resolution.IsAmbiguous)
        {
            return InstrumentProblems.Ambiguous("symbol", [resolution]);
        }

        if (resolution.Instrument is not { } instrument)
        {
            return Problems.NotFound($"Stock {resolution.Text} not found: no instrument has that trading symbol; search with /api/instruments/search?q={Uri.EscapeDataString(resolution.Text)}.");
        }

        if (instrument.Kind != InstrumentKind.Equity)
        {
            var (what, hint) = instrument.Kind == InstrumentKind.Index
                ? ("an index", "/api/market/indices or ")
                : ($"a derivative ({instrument.Kind})", "");
            return Problems.NotFound(
                $"Stock {resolution.Text} not found: {instrument.Key} ({instrument.DisplayName}) is {what}, not a stock. Use {hint}/api/market/quote/{instrument.Key.Segment.ToDhanName()}/{instrument.Key.SecurityId}.");
        }

        return await QuoteAsync(request, instrument, "symbol", cancellationToken);
    }

    internal static async Task<Results<Ok<MarketResponse<MarketItem>>, ProblemHttpResult>> GetQuote(
        [AsParameters] MarketRequest request, string segment, string securityId, CancellationToken cancellationToken)
    {
        if (!ExchangeSegments.TryParseDhanName(segment, out var exchangeSegment))
        {
            var names = string.Join(", ", ExchangeSegments.All.Select(s => s.ToDhanName()));
            return Problems.BadRequest("segment", $"The exchange segment '{segment}' is invalid; use one of {names}.");
        }

        if (!uint.TryParse(securityId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return Problems.BadRequest("securityId", $"The security id '{securityId}' is invalid; pass Dhan's numeric security id, for example 2885.");
        }

        var key = new InstrumentKey(exchangeSegment, id);
        if (!request.ReferenceData.Catalog.TryGet(key, out var instrument))
        {
            return Problems.NotFound($"The instrument {key} is not in the instrument master; check the segment and id, or search with /api/instruments/search.");
        }

        return await QuoteAsync(request, instrument, "securityId", cancellationToken);
    }

    internal static async Task<Results<Ok<MarketResponse<IReadOnlyList<MarketItem>>>, ProblemHttpResult>> GetQuotes(
        [AsParameters] MarketRequest request, string[]? instruments, CancellationToken cancellationToken)
    {
        if (instruments is null || instruments.Length == 0)
        {
            return Problems.BadRequest(InstrumentsField, "The query parameter 'instruments' is missing; list instrument keys or symbols separated by commas, for example ?instruments=NSE_EQ:2885,IDX_I:13.");
        }

        var (read, problem) = await ReadAsync(request, instruments, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(request.Respond(ToItems(read!)));
    }

    internal static Ok<MarketResponse<MarketFeedStatus>> GetFeedStatus(
        [AsParameters] MarketRequest request, FeedStateHistory history, MarketState marketState, LatestValues latestValues,
        [FromKeyedServices(Dhan.DhanServiceCollectionExtensions.ExchangeClockKey)] TimeProvider exchangeClock)
    {
        var (state, since) = history.Current;
        var conditions = marketState.Conditions();
        var universe = request.Reader.Universe();
        var withData = new List<MarketItem>();
        foreach (var instrument in universe)
        {
            if (latestValues.TryGet(instrument.Key, out var value))
            {
                withData.Add(MarketItem.From(instrument, MarketState.ToSnapshot(instrument, value, conditions), conditions));
            }
        }

        var stocks = Stocks(withData);
        var indices = Indices(withData);
        var status = new MarketFeedStatus(
            State: state.ToString(),
            Since: Ist.ToIst(since),
            IsConnected: state == FeedState.Live,
            MarketStatus: conditions.MarketStatus.ToString(),
            ExchangeTime: Ist.ToIst(exchangeClock.GetUtcNow()),
            StockCount: stocks.Count,
            IndicesCount: indices.Count,
            LastUpdate: withData.Max(i => i.ReceivedAt),
            SampleData: new MarketFeedSample([.. stocks.Take(3)], [.. indices.Take(2)]));
        return TypedResults.Ok(request.Respond(status));
    }

    private static async Task<Results<Ok<MarketResponse<MarketItem>>, ProblemHttpResult>> QuoteAsync(
        MarketRequest request, Instrument instrument, string field, CancellationToken cancellationToken)
    {
        var (read, problem) = await ReadHeldAsync(request, [instrument], field, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(request.Respond(ToItems(read!)[0]));
    }

    /// <summary>Reads the default universe, or the instruments of the parameter after resolving and holding them.</summary>
    private static async Task<(MarketRead? Read, ProblemHttpResult? Problem)> ReadAsync(
        MarketRequest request, string[]? instruments, CancellationToken cancellationToken)
    {
        if (instruments is null || instruments.Length == 0)
        {
            return (await request.Reader.ReadUniverseAsync(cancellationToken), null);
        }

        var (resolved, problem) = Resolve(request, instruments);
        return problem is not null ? (null, problem) : await ReadHeldAsync(request, resolved!, InstrumentsField, cancellationToken);
    }

    private static async Task<(MarketRead? Read, ProblemHttpResult? Problem)> ReadHeldAsync(
        MarketRequest request, IReadOnlyList<Instrument> instruments, string field, CancellationToken cancellationToken)
    {
        var session = AuthApi.CurrentSession(request.Context);
        try
        {
            return (await request.Reader.ReadHeldAsync(session.SessionId, instruments, cancellationToken), null);
        }
        catch (UnknownInstrumentsException exception)
        {
            // The master was replaced between resolving and holding.
            return (null, Problems.BadRequest(field, exception.Message));
        }
        catch (FeedCapacityExceededException)
        {
            return (null, InstrumentProblems.FeedFull(field));
        }
    }

    /// <summary>Resolves the comma-separated references of the <c>instruments</c> parameter, or returns the problem with them.</summary>
    private static (IReadOnlyList<Instrument>? Instruments, ProblemHttpResult? Problem) Resolve(MarketRequest request, string[] values)
    {
        var texts = values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var max = request.Options.Value.MaxInstrumentsPerRequest;
        if (texts.Count == 0)
        {
            return (null, Problems.BadRequest(InstrumentsField, "The query parameter 'instruments' is empty; list instrument keys or symbols separated by commas, for example ?instruments=NSE_EQ:2885,NIFTY_50."));
        }

        if (texts.Count > max)
        {
            return (null, Problems.BadRequest(InstrumentsField, $"The query parameter 'instruments' names {texts.Count} instruments; ask for at most {max} per request (MarketApi:MaxInstrumentsPerRequest)."));
        }

        var catalog = request.ReferenceData.Catalog;
        var resolutions = texts.Select(t => InstrumentResolver.Resolve(catalog, t)).ToList();
        var invalid = resolutions.Where(r => r.Invalid is not null).ToList();
        if (invalid.Count > 0)
        {
            return (null, Problems.BadRequest(InstrumentsField, $"The query parameter 'instruments' is invalid: {string.Join(" ", invalid.Select(r => r.Invalid))}"));
        }

        var unknown = resolutions.Where(r => !r.IsResolved && !r.IsAmbiguous).ToList();
        if (unknown.Count > 0)
        {
            var names = string.Join(", ", unknown.Select(r => $"'{r.Text}'"));
            return (null, Problems.BadRequest(InstrumentsField, $"The query parameter 'instruments' names instruments that are not in the instrument master: {names}; check the keys and symbols, or search with /api/instruments/search."));
        }

        var ambiguous = resolutions.Where(r => r.IsAmbiguous).ToList();
        if (ambiguous.Count > 0)
        {
            return (null, InstrumentProblems.Ambiguous(InstrumentsField, ambiguous));
        }

        IReadOnlyList<Instrument> instruments = [.. resolutions.Select(r => r.Instrument!).DistinctBy(i => i.Key)];
        return (instruments, null);
    }

    private static IReadOnlyList<MarketItem> ToItems(MarketRead read) =>
        [.. read.Items.Select(item => MarketItem.From(item.Instrument, item.Snapshot, read.Conditions))];

    private static IReadOnlyList<MarketItem> Stocks(IEnumerable<MarketItem> items) =>
        [.. items.Where(i => i.Kind != nameof(InstrumentKind.Index))];

    private static IReadOnlyList<MarketItem> Indices(IEnumerable<MarketItem> items) =>
        [.. items.Where(i => i.Kind == nameof(InstrumentKind.Index))];
}
