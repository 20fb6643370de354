using Microsoft.AspNetCore.Http.HttpResults;
using Tarang.Market.Instruments;
using Tarang.Server.Services;

namespace Tarang.Server.Apis;

/// <summary>Instrument lookup and search over the loaded instrument master (<c>/api/instruments</c>).</summary>
public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/instruments").WithTags("Instruments");

        group.MapGet("/search", Search)
            .WithSummary("Searches instruments by symbol or name; symbols starting with the query come first.");
        group.MapGet("/by-symbol/{symbol}", FindBySymbol)
            .WithSummary("Returns every instrument with this trading symbol, with their keys; one symbol can name several.");
        group.MapGet("/{exchangeSegment}/{securityId}", GetByKey)
            .WithSummary("Returns one instrument by exchange segment (NSE_EQ, IDX_I, ...) and security id.");

        return group;
    }

    internal static Results<Ok<InstrumentSearchResponse>, ProblemHttpResult> Search(
        MarketReferenceData referenceData, string? q, int? limit)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.BadRequest("q", "The query parameter 'q' is missing; pass part of a symbol or name, for example ?q=RELI.");
        }

        var maxResults = limit ?? InstrumentCatalog.DefaultSearchResults;
        if (maxResults is < 1 or > InstrumentCatalog.MaxSearchResults)
        {
            return Problems.BadRequest(
                "limit", $"The query parameter 'limit' is {maxResults}; pass a number from 1 to {InstrumentCatalog.MaxSearchResults}.");
        }

        var found = referenceData.Catalog.Search(q.Trim(), maxResults);
        return TypedResults.Ok(new InstrumentSearchResponse(q.Trim(), found.Count, [.. found.Select(InstrumentResponse.From)]));
    }

    internal static Results<Ok<InstrumentSearchResponse>, ProblemHttpResult> FindBySymbol(MarketReferenceData referenceData, string symbol)
    {
        var found = referenceData.Catalog.FindBySymbol(symbol.Trim());
        return found.Count == 0
            ? Problems.NotFound($"No instrument has the trading symbol '{symbol}'; search with /api/instruments/search?q={Uri.EscapeDataString(symbol)}.")
            : TypedResults.Ok(new InstrumentSearchResponse(symbol.Trim(), found.Count, [.. found.Select(InstrumentResponse.From)]));
    }

    internal static Results<Ok<InstrumentResponse>, ProblemHttpResult> GetByKey(
        MarketReferenceData referenceData, string exchangeSegment, string securityId)
    {
        if (!ExchangeSegments.TryParseDhanName(exchangeSegment, out var segment))
        {
            var names = string.Join(", ", ExchangeSegments.All.Select(s => s.ToDhanName()));
            return Problems.BadRequest("exchangeSegment", $"The exchange segment '{exchangeSegment}' is invalid; use one of {names}.");
        }

        if (!uint.TryParse(securityId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return Problems.BadRequest("securityId", $"The security id '{securityId}' is invalid; pass Dhan's numeric security id, for example 2885.");
        }

        var key = new InstrumentKey(segment, id);
        return referenceData.Catalog.TryGet(key, out var instrument)
            ? TypedResults.Ok(InstrumentResponse.From(instrument))
            : Problems.NotFound($"The instrument {key} is not in the instrument master; check the segment and id, or search with /api/instruments/search.");
    }
}
