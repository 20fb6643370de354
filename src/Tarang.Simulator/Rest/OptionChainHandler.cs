using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tarang.Market.Instruments;
using Tarang.Market.Options;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Rest;

/// <summary>
/// <c>POST /v2/optionchain</c> and <c>/v2/optionchain/expirylist</c>. Expiries and contracts come
/// from the bundled master; prices, OI and top of book are each contract's latest recorded tick
/// at the exchange clock's now; IV and Greeks come from <see cref="OptionChainAnalytics"/> on
/// those prices. A side with no recorded price yet is left out, as Dhan may leave out a side.
/// </summary>
internal sealed class OptionChainHandler(DhanRestContext context)
{
    public IResult ExpiryList(JsonElement body)
    {
        if (!TryReadUnderlying(body, out var underlying, out var error))
        {
            return error;
        }

        var today = Ist.DateOf(context.Clock.GetUtcNow());
        var expiries = Options(underlying)
            .Select(o => Ist.DateOf(o.Expiry!.Value))
            .Where(d => d >= today)
            .Distinct()
            .Order()
            .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToArray();
        return Results.Json(new { data = expiries, status = "success" });
    }

    public IResult Chain(JsonElement body)
    {
        if (!TryReadUnderlying(body, out var underlying, out var error))
        {
            return error;
        }

        if (!RequestFields.TryGetString(body, "Expiry", out var expiryText)
            || !DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
        {
            return DhanErrors.InputException("Expiry must be YYYY-MM-DD, one of the dates of /v2/optionchain/expirylist.");
        }

        var contracts = Options(underlying).Where(o => Ist.DateOf(o.Expiry!.Value) == expiry).ToArray();
        if (contracts.Length == 0)
        {
            return DhanErrors.DataError($"{underlying} has no options expiring on {expiry:yyyy-MM-dd} in the master.");
        }

        var now = context.Clock.GetUtcNow();
        if (context.Engine.LatestTick(underlying, now) is not (_, var underlyingTick))
        {
            return DhanErrors.DataError($"{underlying} has no recorded price at {Ist.ToIst(now):yyyy-MM-dd HH:mm:ss} IST.");
        }

        var strikes = contracts
            .GroupBy(c => c.Strike!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new StrikeSides(
                g.Key,
                Side(g.FirstOrDefault(c => c.OptionType == OptionType.CE), now),
                Side(g.FirstOrDefault(c => c.OptionType == OptionType.PE), now)))
            .ToArray();

        var analytics = OptionChainAnalytics.Compute(
            underlyingTick.LastPrice,
            expiry,
            now,
            [.. strikes.Select(s => new StrikeQuotes(s.Strike, Quote(s.Call), Quote(s.Put)))]);

        var chain = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < strikes.Length; i++)
        {
            var sides = new Dictionary<string, object>(StringComparer.Ordinal);
            if (strikes[i].Call is { } call)
            {
                sides["ce"] = SideJson(call, analytics.Strikes[i].Call);
            }

            if (strikes[i].Put is { } put)
            {
                sides["pe"] = SideJson(put, analytics.Strikes[i].Put);
            }

            if (sides.Count > 0)
            {
                chain[strikes[i].Strike.ToString("F6", CultureInfo.InvariantCulture)] = sides;
            }
        }

        return Results.Json(new { data = new { last_price = underlyingTick.LastPrice, oc = chain }, status = "success" });
    }

    private ContractTick? Side(Instrument? contract, DateTimeOffset now) =>
        contract is not null && context.Engine.LatestTick(contract.Key, now) is var (day, tick)
            ? new ContractTick(contract, tick, day.PreviousClose)
            : null;

    private static OptionQuote? Quote(ContractTick? side) => side is null ? null : new OptionQuote(side.Tick.LastPrice);

    private static object SideJson(ContractTick side, OptionAnalytics? analytics)
    {
        var tick = side.Tick;
        var top = tick.Depth.Count > 0 ? tick.Depth[0] : (Recording.RecordedDepthLevel?)null;
        return new
        {
            average_price = tick.AveragePrice,
            greeks = analytics is { } a
                ? new { delta = Math.Round(a.Greeks.Delta, 5), theta = Math.Round(a.Greeks.Theta, 5), gamma = Math.Round(a.Greeks.Gamma, 5), vega = Math.Round(a.Greeks.Vega, 5) }
                : null,
            implied_volatility = analytics?.ImpliedVolatilityPercent,
            last_price = tick.LastPrice,
            oi = tick.OpenInterest,
            previous_close_price = side.PreviousClose?.Price,
            previous_oi = (long?)null,
            previous_volume = (long?)null,
            security_id = side.Contract.Key.SecurityId,
            top_ask_price = top?.AskPrice,
            top_ask_quantity = top?.AskQuantity,
            top_bid_price = top?.BidPrice,
            top_bid_quantity = top?.BidQuantity,
            volume = tick.Volume,
        };
    }

    private IEnumerable<Instrument> Options(InstrumentKey underlying) =>
        context.Catalog.Instruments.Where(i =>
            i.UnderlyingSecurityId == underlying.SecurityId
            && i.OptionType is not null && i.Strike is not null && i.Expiry is not null
            && IsUnderlyingSegment(i.Key.Segment, underlying.Segment));

    // Index options trade in NSE_FNO with the index in IDX_I; stock options with the stock in NSE_EQ.
    private static bool IsUnderlyingSegment(ExchangeSegment option, ExchangeSegment underlying) =>
        (option, underlying) is (ExchangeSegment.NseFno, ExchangeSegment.IdxI or ExchangeSegment.NseEq)
            or (ExchangeSegment.BseFno, ExchangeSegment.IdxI or ExchangeSegment.BseEq);

    private static bool TryReadUnderlying(JsonElement body, out InstrumentKey underlying, out IResult error)
    {
        underlying = default;
        error = Results.Empty;
        if (!body.TryGetProperty("UnderlyingScrip", out var scrip) || scrip.ValueKind != JsonValueKind.Number || !scrip.TryGetUInt32(out var securityId))
        {
            error = DhanErrors.InputException("UnderlyingScrip must be an integer security id such as 13.");
            return false;
        }

        if (!RequestFields.TryGetSegment(body, "UnderlyingSeg", out var segment))
        {
            error = DhanErrors.InputException("UnderlyingSeg must be a Dhan segment name such as IDX_I.");
            return false;
        }

        underlying = new InstrumentKey(segment, securityId);
        return true;
    }

    private sealed record StrikeSides(decimal Strike, ContractTick? Call, ContractTick? Put);

    private sealed record ContractTick(Instrument Contract, ReplayTick Tick, PreviousClose? PreviousClose);
}
