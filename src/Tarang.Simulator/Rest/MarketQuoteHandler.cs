using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tarang.Market.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Rest;

/// <summary>
/// <c>POST /v2/marketfeed/ltp|ohlc|quote</c>: body <c>{"NSE_EQ":[2885],"IDX_I":[13]}</c>, at most
/// 1,000 instruments. Each instrument with a tick at or before the exchange clock's now appears
/// under its segment, keyed by its id as a string. Before the day's first tick that is the last
/// tick of the previous recorded trading day. Other instruments are left out, as Dhan leaves out
/// ids it has no data for. Values not recorded are null.
/// </summary>
internal sealed class MarketQuoteHandler(DhanRestContext context)
{
    private const int MaxInstruments = 1_000;

    public IResult Handle(string kind, JsonElement body)
    {
        var requested = new List<(string SegmentName, InstrumentKey Key)>();
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("dhanClientId"))
            {
                continue;
            }

            if (!ExchangeSegments.TryParseDhanName(property.Name, out var segment) || property.Value.ValueKind != JsonValueKind.Array)
            {
                return DhanErrors.InputException($"'{property.Name}' is not an exchange segment with an array of security ids.");
            }

            foreach (var id in property.Value.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.Number || !id.TryGetUInt32(out var securityId))
                {
                    return DhanErrors.InputException($"Security ids under {property.Name} must be integers.");
                }

                requested.Add((property.Name, new InstrumentKey(segment, securityId)));
            }
        }

        if (requested.Count > MaxInstruments)
        {
            return DhanErrors.InputException($"The request lists {requested.Count} instruments; at most {MaxInstruments} are allowed.");
        }

        var now = context.Clock.GetUtcNow();
        var data = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        foreach (var (segmentName, key) in requested)
        {
            var segmentData = data.TryGetValue(segmentName, out var existing) ? existing : data[segmentName] = new Dictionary<string, object>(StringComparer.Ordinal);
            if (context.Engine.LatestTick(key, now) is not var (day, tick))
            {
                continue;
            }

            segmentData[key.SecurityId.ToString(CultureInfo.InvariantCulture)] = kind switch
            {
                "ltp" => new { last_price = tick.LastPrice },
                "ohlc" => new { last_price = tick.LastPrice, ohlc = Ohlc(tick, day.PreviousClose) },
                _ => Quote(tick, day.PreviousClose),
            };
        }

        return Results.Json(new { data, status = "success" });
    }

    private static object Ohlc(ReplayTick tick, PreviousClose? previousClose) =>
        new { open = tick.DayOpen, close = previousClose?.Price, high = tick.DayHigh, low = tick.DayLow };

    private static object Quote(ReplayTick tick, PreviousClose? previousClose) => new
    {
        average_price = tick.AveragePrice,
        buy_quantity = tick.TotalBuyQuantity,
        depth = new
        {
            buy = tick.Depth.Select(level => new { quantity = level.BidQuantity, orders = level.BidOrders, price = level.BidPrice }),
            sell = tick.Depth.Select(level => new { quantity = level.AskQuantity, orders = level.AskOrders, price = level.AskPrice }),
        },
        last_price = tick.LastPrice,
        last_quantity = tick.LastQuantity,
        last_trade_time = Ist.ToIst(tick.LastTradeTime).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture),
        lower_circuit_limit = (decimal?)null,
        net_change = previousClose is { } close ? tick.LastPrice - close.Price : (decimal?)null,
        ohlc = Ohlc(tick, previousClose),
        oi = tick.OpenInterest,
        oi_day_high = tick.OpenInterestDayHigh,
        oi_day_low = tick.OpenInterestDayLow,
        sell_quantity = tick.TotalSellQuantity,
        upper_circuit_limit = (decimal?)null,
        volume = tick.Volume,
    };
}
