using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tarang.Simulator.Rest;

/// <summary>
/// Dhan's data REST API under <c>/v2</c>, served from the replay at the exchange clock's now with
/// Dhan's request and response shapes, headers, rate limits and error bodies.
/// </summary>
internal static class DhanRestEndpoints
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static void Map(IEndpointRouteBuilder app, DhanRestContext context)
    {
        var v2 = app.MapGroup("/v2");
        var quotes = new MarketQuoteHandler(context);
        var charts = new ChartHandler(context);
        var chains = new OptionChainHandler(context);

        foreach (var kind in (string[])["ltp", "ohlc", "quote"])
        {
            v2.MapPost($"/marketfeed/{kind}", (HttpRequest request) =>
                HandleAsync(request, context, RateGroup.Quote, body => quotes.Handle(kind, body)));
        }

        v2.MapPost("/charts/intraday", (HttpRequest request) =>
            HandleAsync(request, context, RateGroup.Data, charts.Intraday));
        v2.MapPost("/charts/historical", (HttpRequest request) =>
            HandleAsync(request, context, RateGroup.Data, charts.Historical));
        v2.MapPost("/optionchain", (HttpRequest request) =>
            HandleAsync(request, context, RateGroup.OptionChain, chains.Chain));
        v2.MapPost("/optionchain/expirylist", (HttpRequest request) =>
            HandleAsync(request, context, RateGroup.OptionChain, chains.ExpiryList));

        // Dhan returns an unknown path with its gateway's Spring-style 404 body.
        v2.MapFallback((HttpRequest request) => Results.Json(
            new
            {
                timestamp = context.WallClock.GetUtcNow().ToUnixTimeMilliseconds(),
                status = StatusCodes.Status404NotFound,
                error = "Not Found",
                path = request.Path.Value,
            },
            statusCode: StatusCodes.Status404NotFound));
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, DhanRestContext context, RateGroup group, Func<JsonElement, IResult> handle)
    {
        var result = await HandleCoreAsync(request, context, group, handle).ConfigureAwait(false);
        if (result is DhanErrorResult { StatusCode: StatusCodes.Status429TooManyRequests })
        {
            Log.RateLimited(context.Logger, request.Path);
        }
        else if (result is DhanErrorResult error)
        {
            Log.RestRejected(context.Logger, request.Path, error.StatusCode, error.ErrorCode, error.ErrorMessage);
        }

        return result;
    }

    private static async Task<IResult> HandleCoreAsync(HttpRequest request, DhanRestContext context, RateGroup group, Func<JsonElement, IResult> handle)
    {
        // Dhan requires client-id on the market-quote and option-chain APIs, and access-token on all.
        var token = request.Headers["access-token"].ToString();
        var clientId = request.Headers["client-id"].ToString();
        var needsClientId = group is RateGroup.Quote or RateGroup.OptionChain;
        if (token != context.Options.AccessToken || (needsClientId && clientId != context.Options.ClientId) || (clientId.Length > 0 && clientId != context.Options.ClientId))
        {
            return DhanErrors.InvalidAuthentication();
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return DhanErrors.InputException("The body is not valid JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return DhanErrors.InputException("The body must be a JSON object.");
            }

            var user = context.Options.ClientId;
            var allowed = group switch
            {
                RateGroup.Quote => context.RateLimiter.TryAcquire($"{user}/quote", context.Options.QuoteRequestsPerSecond, OneSecond),
                RateGroup.Data => context.RateLimiter.TryAcquire($"{user}/data", context.Options.DataRequestsPerSecond, OneSecond),
                _ => context.RateLimiter.TryAcquire($"{user}{request.Path}/{OptionChainRequestKey(document.RootElement)}", 1, context.Options.OptionChainRepeatInterval),
            };
            if (!allowed)
            {
                return DhanErrors.RateLimit();
            }

            return handle(document.RootElement);
        }
    }

    // The same underlying and expiry count as one request however the JSON is spelled.
    private static string OptionChainRequestKey(JsonElement body)
    {
        RequestFields.TryGetString(body, "UnderlyingScrip", out var scrip);
        RequestFields.TryGetString(body, "UnderlyingSeg", out var segment);
        RequestFields.TryGetString(body, "Expiry", out var expiry);
        return $"{scrip}/{segment}/{expiry}";
    }

    private enum RateGroup
    {
        /// <summary>Market quote: 1 request per second.</summary>
        Quote,

        /// <summary>Data APIs (charts): 5 requests per second.</summary>
        Data,

        /// <summary>Option chain: the same request once per 3 seconds; different underlyings or expiries are separate.</summary>
        OptionChain,
    }
}
