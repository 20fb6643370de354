using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tarang.Market.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Recording;

namespace Tarang.Simulator.Rest;

/// <summary>
/// <c>POST /v2/charts/intraday</c> and <c>/v2/charts/historical</c>: parallel arrays of open, high,
/// low, close, volume and timestamp (true UTC epoch seconds), built from the recorded bars.
/// Only bars that have ended by the exchange clock's now are served, so there is no look-ahead.
/// Intraday bars coarser than the recording are aggregated from it; finer ones are not served,
/// because the recording does not hold them. A daily bar is served once its session has closed.
/// </summary>
internal sealed class ChartHandler(DhanRestContext context)
{
    private const int MaxIntradayDays = 90;

    private static readonly HashSet<string> InstrumentTypes = new(StringComparer.Ordinal)
    {
        "INDEX", "EQUITY", "FUTIDX", "OPTIDX", "FUTSTK", "OPTSTK", "FUTCOM", "OPTFUT", "FUTCUR", "OPTCUR",
    };

    private static readonly int[] Intervals = [1, 5, 15, 25, 60];

    public IResult Intraday(JsonElement body)
    {
        if (!TryReadInstrument(body, out var key, out var error))
        {
            return error;
        }

        if (!RequestFields.TryGetString(body, "interval", out var intervalText)
            || !int.TryParse(intervalText, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !Intervals.Contains(minutes))
        {
            return DhanErrors.InputException("interval must be 1, 5, 15, 25 or 60.");
        }

        if (!TryReadInstant(body, "fromDate", endOfDay: false, out var from) || !TryReadInstant(body, "toDate", endOfDay: true, out var to) || to < from)
        {
            return DhanErrors.InputException("fromDate and toDate must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (IST), fromDate first.");
        }

        if (to - from > TimeSpan.FromDays(MaxIntradayDays))
        {
            return DhanErrors.InputException($"An intraday request covers at most {MaxIntradayDays} days.");
        }

        var interval = TimeSpan.FromMinutes(minutes);
        var now = context.Clock.GetUtcNow();
        var candles = new Candles();
        for (var date = Ist.DateOf(from); date <= Ist.DateOf(to) && date <= Ist.DateOf(now); date = date.AddDays(1))
        {
            var bars = context.Engine.GetBars(key, date);
            if (bars.Count == 0)
            {
                continue;
            }

            if (bars[0].Interval > interval)
            {
                return DhanErrors.DataError($"{key} is recorded in {bars[0].Interval.TotalMinutes}-minute bars only; request that interval or a coarser one.");
            }

            var session = context.Engine.Calendar.GetSession(date) ?? TradingSession.Normal(date);
            foreach (var bucket in bars.GroupBy(b => BucketStart(session, b.Start, interval)))
            {
                var bucketEnd = Min(bucket.Key + interval, session.CloseInstant);
                if (bucket.Key < from || bucket.Key > to || bucketEnd > now || bucket.Last().End > now)
                {
                    continue;
                }

                candles.Add(bucket.Key, bucket.ToArray());
            }
        }

        return Results.Json(candles.ToResponse());
    }

    public IResult Historical(JsonElement body)
    {
        if (!TryReadInstrument(body, out var key, out var error))
        {
            return error;
        }

        if (!TryReadDate(body, "fromDate", out var fromDate) || !TryReadDate(body, "toDate", out var toDate) || toDate < fromDate)
        {
            return DhanErrors.InputException("fromDate and toDate must be YYYY-MM-DD, fromDate first; toDate is exclusive.");
        }

        var now = context.Clock.GetUtcNow();
        var candles = new Candles();
        for (var date = fromDate; date < toDate; date = date.AddDays(1))
        {
            var session = context.Engine.Calendar.GetSession(date);
            var bars = context.Engine.GetBars(key, date);
            if (session is null || bars.Count == 0 || session.CloseInstant > now)
            {
                continue;
            }

            candles.Add(Ist.At(date, TimeOnly.MinValue), [.. bars]);
        }

        return Results.Json(candles.ToResponse());
    }

    private static DateTimeOffset BucketStart(TradingSession session, DateTimeOffset barStart, TimeSpan interval)
    {
        var sinceOpen = barStart - session.OpenInstant;
        return session.OpenInstant + TimeSpan.FromTicks(sinceOpen.Ticks / interval.Ticks * interval.Ticks);
    }

    private static DateTimeOffset Min(DateTimeOffset left, DateTimeOffset right) => left < right ? left : right;

    private static bool TryReadInstrument(JsonElement body, out InstrumentKey key, out IResult error)
    {
        key = default;
        error = Results.Empty;
        if (!RequestFields.TryGetSecurityId(body, "securityId", out var securityId))
        {
            error = DhanErrors.InputException("securityId must be a security id such as \"2885\".");
            return false;
        }

        if (!RequestFields.TryGetSegment(body, "exchangeSegment", out var segment))
        {
            error = DhanErrors.InputException("exchangeSegment must be a Dhan segment name such as NSE_EQ.");
            return false;
        }

        if (!RequestFields.TryGetString(body, "instrument", out var instrument) || !InstrumentTypes.Contains(instrument))
        {
            error = DhanErrors.InputException("instrument must be one of INDEX, EQUITY, FUTIDX, OPTIDX, FUTSTK, OPTSTK, FUTCOM, OPTFUT, FUTCUR, OPTCUR.");
            return false;
        }

        key = new InstrumentKey(segment, securityId);
        return true;
    }

    private static bool TryReadDate(JsonElement body, string name, out DateOnly date)
    {
        date = default;
        return RequestFields.TryGetString(body, name, out var text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    // A date alone means the start of the day, or its end for toDate, which Dhan treats as inclusive.
    private static bool TryReadInstant(JsonElement body, string name, bool endOfDay, out DateTimeOffset instant)
    {
        instant = default;
        if (!RequestFields.TryGetString(body, name, out var text))
        {
            return false;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            instant = endOfDay ? Ist.At(date.AddDays(1), TimeOnly.MinValue).AddTicks(-1) : Ist.At(date, TimeOnly.MinValue);
            return true;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            instant = new DateTimeOffset(local, Ist.Offset);
            return true;
        }

        return false;
    }

    private sealed class Candles
    {
        private readonly List<decimal> open = [];
        private readonly List<decimal> high = [];
        private readonly List<decimal> low = [];
        private readonly List<decimal> close = [];
        private readonly List<long> volume = [];
        private readonly List<long> timestamp = [];

        public void Add(DateTimeOffset start, RecordedBar[] bars)
        {
            open.Add(bars[0].Open);
            high.Add(bars.Max(b => b.High));
            low.Add(bars.Min(b => b.Low));
            close.Add(bars[^1].Close);
            volume.Add(bars.Sum(b => b.Volume));
            timestamp.Add(start.ToUnixTimeSeconds());
        }

        public object ToResponse() => new { open, high, low, close, volume, timestamp };
    }
}
