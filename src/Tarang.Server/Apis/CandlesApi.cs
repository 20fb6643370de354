using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tarang.Dhan.Feed.Connection;
using Tarang.Market.Candles;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Market.Time;
using Tarang.Server.Candles;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;
using Tarang.Server.Options;
using Tarang.Server.Services;

namespace Tarang.Server.Apis;

/// <summary>
/// Today's 1-minute candles over REST (<c>/api/market</c>, authenticated): by instrument key, and
/// through the legacy <c>stock-ohlc</c> and <c>strike-ohlc</c> routes in their old success shapes.
/// Each request holds its instrument for the session (scope <c>candles</c>, quote mode), so the
/// candles of an instrument nobody held before accrue from the request on.
/// </summary>
public static class CandlesApi
{
    /// <summary>The <c>source</c> of every candle reply: built by this server from the feed's trades.</summary>
    public const string Source = "feed_candles";

    private const string HoldingDescription =
        " Requesting an instrument holds it on the feed for the session (scope candles, quote mode, at most Candles:MaxInstrumentsPerSession per session)," +
        " so the candles of an instrument no one held before accrue from the request on; holding.startedNow says so.";

    public static RouteGroupBuilder MapCandlesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/market").RequireAuthorization().WithTags("Candles");

        group.MapGet("/candles/{segment}/{securityId}", GetCandles)
            .WithSummary("Returns today's 1-minute candles of one instrument, built by the server from the feed's trades.")
            .WithDescription(
                "Times are IST; minutes without trades have no candle; a candle is partial when the server started receiving the instrument during it." + HoldingDescription);
        group.MapGet("/stock-ohlc/{symbol}", GetStockOhlc)
            .WithSummary("Legacy: returns today's 1-minute candles of a stock or index as Dhan-style arrays with epoch-second timestamps.")
            .WithDescription(
                "symbol is a trading symbol (RELIANCE) or a legacy index name (NIFTY_50, BANK_NIFTY, SENSEX, FINNIFTY). fromDate and toDate (YYYY-MM-DD) default to today by the exchange clock;" +
                " only today's session is served, so the range must include today." + HoldingDescription);
        group.MapGet("/strike-ohlc/{symbol}/{expiry}/{strike}/{optionType}", GetStrikeOhlc)
            .WithSummary("Legacy: returns today's 1-minute candles of one option contract as Dhan-style arrays with epoch-second timestamps.")
            .WithDescription(
                "symbol is the underlying (NIFTY_50, BANK_NIFTY or the master's symbol such as NIFTY), expiry YYYY-MM-DD, strike in rupees, optionType CE or PE." +
                " The old dataSource query parameter is accepted and ignored: every reply comes from the server's candles." + HoldingDescription);

        return group;
    }

    internal static Results<Ok<CandlesResponse>, ProblemHttpResult> GetCandles(
        HttpContext context, [AsParameters] CandleRouteServices services, string segment, string securityId)
    {
        if (!ExchangeSegments.TryParseDhanName(segment, out var exchangeSegment))
        {
            var names = string.Join(", ", ExchangeSegments.All.Select(s => s.ToDhanName()));
            return Problems.BadRequest("segment", $"The exchange segment '{segment}' is invalid; use one of {names}.");
        }

        if (!uint.TryParse(securityId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Problems.BadRequest("securityId", $"The securityId '{securityId}' is invalid; pass Dhan's numeric security id, for example 2885.");
        }

        var key = new InstrumentKey(exchangeSegment, id);
        if (!services.ReferenceData.Catalog.TryGet(key, out var instrument))
        {
            return Problems.NotFound($"The instrument {key} is not in the instrument master; check the segment and id, or search with /api/instruments/search.");
        }

        if (!TryHoldAndRead(context, services, instrument, out var candles, out var holding, out var holdProblem))
        {
            return holdProblem;
        }

        return TypedResults.Ok(new CandlesResponse(
            key.ToString(),
            key.Segment.ToDhanName(),
            key.SecurityId,
            instrument.Symbol,
            instrument.DisplayName,
            FormatDate(candles.Day.Date),
            IntervalMinutes: 1,
            Source,
            services.MarketOptions.Value.Source.ToString(),
            [.. candles.Candles.Select(c => new CandleResponse(c.Start, c.Open, c.High, c.Low, c.Close, c.Volume, c.IsPartial))],
            Freshness(candles, services.MarketState),
            holding));
    }

    internal static Results<Ok<LegacyOhlcResponse<StockOhlcMetadata>>, ProblemHttpResult> GetStockOhlc(
        HttpContext context, [AsParameters] CandleRouteServices services, string symbol, string? fromDate, string? toDate)
    {
        var (instrument, problem) = OhlcInstruments.ResolveSymbol(services.ReferenceData.Catalog, symbol);
        if (problem is not null)
        {
            return problem;
        }

        var today = services.Store.Roll().Day.Date;
        var (from, to, dateProblem) = ParseRange(fromDate, toDate, today);
        if (dateProblem is not null)
        {
            return dateProblem;
        }

        if (!TryHoldAndRead(context, services, instrument!, out var candles, out var holding, out var holdProblem))
        {
            return holdProblem;
        }

        var note = from < today || to > today
            ? $"Only {FormatDate(candles.Day.Date)} is served: the server keeps today's 1-minute candles, and other days come in a later version."
            : null;
        var metadata = new StockOhlcMetadata(
            symbol.Trim(),
            instrument!.Key.SecurityId.ToString(CultureInfo.InvariantCulture),
            instrument.Key.Segment.ToDhanName(),
            instrument.Kind.ToDhanName(),
            FormatDate(from),
            FormatDate(to),
            FormatDate(candles.Day.Date),
            Interval: "1",
            PartialTimestamps(candles.Candles),
            Freshness(candles, services.MarketState),
            holding,
            note);
        return TypedResults.Ok(new LegacyOhlcResponse<StockOhlcMetadata>(true, ToArrays(candles.Candles), Source, metadata));
    }

    internal static Results<Ok<LegacyOhlcResponse<StrikeOhlcMetadata>>, ProblemHttpResult> GetStrikeOhlc(
        HttpContext context, [AsParameters] CandleRouteServices services, string symbol, string expiry, string strike, string optionType)
    {
        var (instrument, problem) = OhlcInstruments.ResolveOption(services.ReferenceData.Catalog, symbol, expiry, strike, optionType);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryHoldAndRead(context, services, instrument!, out var candles, out var holding, out var holdProblem))
        {
            return holdProblem;
        }

        var metadata = new StrikeOhlcMetadata(
            symbol.Trim(),
            expiry.Trim(),
            strike.Trim(),
            instrument!.OptionType.ToString()!,
            instrument.Key.SecurityId.ToString(CultureInfo.InvariantCulture),
            instrument.Key.Segment.ToDhanName(),
            instrument.Symbol,
            FormatDate(candles.Day.Date),
            Interval: "1",
            PartialTimestamps(candles.Candles),
            Freshness(candles, services.MarketState),
            holding);
        return TypedResults.Ok(new LegacyOhlcResponse<StrikeOhlcMetadata>(true, ToArrays(candles.Candles), Source, metadata));
    }

    // Holds the instrument for the session and reads its candles; fails when the feed cannot take it.
    private static bool TryHoldAndRead(
        HttpContext context,
        CandleRouteServices services,
        Instrument instrument,
        out InstrumentCandles candles,
        out CandleHoldingResponse holding,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        candles = null!;
        holding = null!;
        problem = null;
        var session = AuthApi.CurrentSession(context);
        CandleHold hold;
        try
        {
            hold = services.Holds.Hold(session.SessionId, instrument.Key);
        }
        catch (FeedCapacityExceededException exception)
        {
            problem = TypedResults.Problem(Problems.Details(
                StatusCodes.Status503ServiceUnavailable,
                "Service unavailable",
                $"{exception.Message} The candles of {instrument.Key} cannot be built until the feed can take it.",
                field: null));
            return false;
        }
        catch (UnknownInstrumentsException exception)
        {
            problem = Problems.BadRequest("securityId", exception.Message);
            return false;
        }

        var note = hold.StartedNow
            ? "This request started holding the instrument on the feed for your session, so its candles accrue from its next trade on; earlier minutes of today are missing unless someone else held it."
            : "Your session already held the instrument for candles, so they accrue while the session lasts.";
        if (hold.Released is { } released)
        {
            note += $" To stay within Candles:MaxInstrumentsPerSession, the session stopped holding {released}, requested longest ago.";
        }

        holding = new CandleHoldingResponse(CandleHolds.Scope, CandleHolds.Mode.ToString(), hold.StartedNow, hold.Released?.ToString(), note);
        candles = services.Store.Read(instrument.Key);
        return true;
    }

    private static (DateOnly From, DateOnly To, ProblemHttpResult? Problem) ParseRange(string? fromDate, string? toDate, DateOnly today)
    {
        var from = today;
        if (!string.IsNullOrWhiteSpace(fromDate) && !OhlcInstruments.TryParseDate(fromDate, out from))
        {
            return (from, today, Problems.BadRequest("fromDate", $"fromDate '{fromDate}' is invalid; pass a date as YYYY-MM-DD, or omit it for today."));
        }

        var to = today;
        if (!string.IsNullOrWhiteSpace(toDate) && !OhlcInstruments.TryParseDate(toDate, out to))
        {
            return (from, to, Problems.BadRequest("toDate", $"toDate '{toDate}' is invalid; pass a date as YYYY-MM-DD, or omit it for today."));
        }

        if (from > to)
        {
            return (from, to, Problems.BadRequest("fromDate", $"fromDate {FormatDate(from)} is after toDate {FormatDate(to)}; pass a range whose start is not after its end."));
        }

        if (today < from || today > to)
        {
            var field = today < from ? "fromDate" : "toDate";
            return (from, to, Problems.BadRequest(
                field,
                $"The range {FormatDate(from)} to {FormatDate(to)} does not include today, {FormatDate(today)} by the exchange clock. Only today's 1-minute candles are served, and history comes in a later version; omit fromDate and toDate, or pass a range that includes today."));
        }

        return (from, to, null);
    }

    private static CandleFreshness Freshness(InstrumentCandles candles, MarketState marketState)
    {
        var conditions = marketState.Conditions();
        string? staleReason = null;
        if (conditions.FeedState != FeedState.Live)
        {
            staleReason = $"The feed is {conditions.FeedState}, not Live.";
        }
        else if (conditions.MarketStatus != MarketStatus.Open)
        {
            staleReason = $"The market is {conditions.MarketStatus}.";
        }
        else if (candles.LastTradeTime is null)
        {
            staleReason = "No trade of this instrument has arrived today yet.";
        }

        long? ageMs = candles.ReceivedAt is { } received ? Math.Max(0, (long)(conditions.Now - received).TotalMilliseconds) : null;
        return new CandleFreshness(
            candles.AsOf,
            candles.LastTradeTime is { } ltt ? Ist.ToIst(ltt) : null,
            candles.ReceivedAt is { } at ? Ist.ToIst(at) : null,
            ageMs,
            staleReason is not null,
            staleReason,
            conditions.MarketStatus.ToString(),
            conditions.FeedState.ToString());
    }

    private static LegacyOhlcArrays ToArrays(IReadOnlyList<Candle> candles) => new(
        [.. candles.Select(c => c.Open)],
        [.. candles.Select(c => c.High)],
        [.. candles.Select(c => c.Low)],
        [.. candles.Select(c => c.Close)],
        [.. candles.Select(c => c.Volume)],
        [.. candles.Select(c => c.Start.ToUnixTimeSeconds())]);

    private static long[] PartialTimestamps(IReadOnlyList<Candle> candles) =>
        [.. candles.Where(c => c.IsPartial).Select(c => c.Start.ToUnixTimeSeconds())];

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The services every candle route uses.</summary>
    internal readonly record struct CandleRouteServices(
        MarketReferenceData ReferenceData,
        CandleStore Store,
        CandleHolds Holds,
        MarketState MarketState,
        IOptions<MarketOptions> MarketOptions);
}
