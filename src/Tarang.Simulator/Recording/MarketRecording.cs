using System.Globalization;
using System.IO.Compression;
using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Market.Time;
using Tarang.Simulator.Replay;

namespace Tarang.Simulator.Recording;

/// <summary>
/// The recorded NSE sessions bundled with the simulator (data/market), keyed by instrument:
/// NIFTY 50 and BANKNIFTY 1-minute bars, RELIANCE 1-minute and TCS 15-minute bars, NIFTY DEC-2025
/// futures ticks and the NIFTY and BANKNIFTY Feb-2026 options of 2026-02-06.
/// </summary>
public sealed class MarketRecording
{
    /// <summary>NIFTY 50 in Dhan's index segment.</summary>
    public static readonly InstrumentKey Nifty50 = new(ExchangeSegment.IdxI, 13);

    /// <summary>NIFTY BANK (BANKNIFTY) in Dhan's index segment.</summary>
    public static readonly InstrumentKey BankNifty = new(ExchangeSegment.IdxI, 25);

    public static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);

    public static readonly InstrumentKey Tcs = new(ExchangeSegment.NseEq, 11536);

    private const string ResourcePrefix = "Tarang.Simulator.Market.";
    private const string FuturesKiteSymbol = "NIFTY25DECFUT";

    private readonly Dictionary<InstrumentKey, RecordedSeries> series;

    private MarketRecording(Dictionary<InstrumentKey, RecordedSeries> series) => this.series = series;

    public IReadOnlyDictionary<InstrumentKey, RecordedSeries> Series => series;

    /// <summary>Every date on which at least one instrument was recorded, in order.</summary>
    public IReadOnlyList<DateOnly> Dates => series.Values.SelectMany(s => s.Dates).Distinct().Order().ToArray();

    /// <summary>Reads every bundled recording, naming derivatives through the master's Kite symbols.</summary>
    /// <exception cref="InvalidDataException">A recording file is missing or has a malformed row.</exception>
    public static MarketRecording Load(BundledInstrumentMaster master)
    {
        ArgumentNullException.ThrowIfNull(master);
        var byKiteSymbol = master.KiteTradingSymbols.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var all = new Dictionary<InstrumentKey, RecordedSeries>();

        ReadBars(all, Nifty50, "idx_NIFTY50_1min_2025-11-03_to_2026-02-06_kite.csv.gz", TimeSpan.FromMinutes(1));
        ReadBars(all, BankNifty, "idx_BANKNIFTY_1min_2025-11-03_to_2026-02-06_kite.csv.gz", TimeSpan.FromMinutes(1));
        ReadBars(all, Reliance, "eq_RELIANCE_1min_2025-10-29_to_2025-12-26_kite.csv.gz", TimeSpan.FromMinutes(1));
        ReadBars(all, Tcs, "eq_TCS_15min_2025-12-24_26_kite.csv.gz", TimeSpan.FromMinutes(15));

        var future = byKiteSymbol.TryGetValue(FuturesKiteSymbol, out var futureKey)
            ? futureKey
            : throw new InvalidDataException($"The bundled master has no contract with Kite symbol {FuturesKiteSymbol}.");
        ReadDerivedFutureTicks(all, future, "fut_NIFTY25DECFUT_ticks_kite_derived_2025-12-29_0936-1139.csv.gz");
        ReadFullFutureTicks(all, future, "fut_NIFTY25DECFUT_ticks_kite_full_2025-12-29_1247-1251.csv.gz");

        ReadOptions(all, byKiteSymbol, "opt_NIFTY26FEB_monthly_1min_bars_and_quotes_2026-02-06_kite.csv.gz");
        ReadOptions(all, byKiteSymbol, "opt_BANKNIFTY26FEB_monthly_1min_bars_and_quotes_2026-02-06_kite.csv.gz");

        foreach (var day in all.Values.SelectMany(s => s.Days))
        {
            day.Bars.Sort((a, b) => a.Start.CompareTo(b.Start));
            day.Ticks.Sort((a, b) => a.Time.CompareTo(b.Time));
        }

        return new MarketRecording(all);
    }

    public bool TryGetDay(InstrumentKey instrument, DateOnly date, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecordedDay? day)
    {
        day = null;
        return series.TryGetValue(instrument, out var s) && s.TryGetDay(date, out day);
    }

    private static RecordedSeries SeriesFor(Dictionary<InstrumentKey, RecordedSeries> all, InstrumentKey key, string source)
    {
        if (!all.TryGetValue(key, out var s))
        {
            s = new RecordedSeries(key, source);
            all.Add(key, s);
        }

        s.AddSource(source);
        return s;
    }

    // date,open,high,low,close,volume with the bar start in IST.
    private static void ReadBars(Dictionary<InstrumentKey, RecordedSeries> all, InstrumentKey key, string file, TimeSpan interval)
    {
        var s = SeriesFor(all, key, file);
        foreach (var (line, f) in ReadRows(file))
        {
            var start = ParseInstant(f[0], file, line);
            var bar = new RecordedBar(start, interval, Price(f[1], file, line), Price(f[2], file, line), Price(f[3], file, line), Price(f[4], file, line), Long(f[5], file, line));
            s.GetOrAddDay(Ist.DateOf(start)).Bars.Add(bar);
        }
    }

    // time (UTC),trading_symbol,last_price,volume_delta,aggressor_side,cvd_change,oi,... : one row per second.
    // The day's cumulative volume is the running sum of volume_delta, whose first row carries the volume so far.
    private static void ReadDerivedFutureTicks(Dictionary<InstrumentKey, RecordedSeries> all, InstrumentKey key, string file)
    {
        var s = SeriesFor(all, key, file);
        long volume = 0;
        foreach (var (line, f) in ReadRows(file))
        {
            var time = ParseInstant(f[0], file, line);
            volume += Long(f[3], file, line);
            s.GetOrAddDay(Ist.DateOf(time)).Ticks.Add(new ReplayTick
            {
                Time = time,
                LastTradeTime = time,
                LastPrice = Price(f[2], file, line),
                Volume = volume,
                OpenInterest = Long(f[6], file, line),
            });
        }
    }

    // Kite full-mode ticks; day_close is Kite's previous close. Depth columns start at bid_price_1.
    private static void ReadFullFutureTicks(Dictionary<InstrumentKey, RecordedSeries> all, InstrumentKey key, string file)
    {
        var s = SeriesFor(all, key, file);
        var rows = ReadRows(file, out var header);
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{file} has no column {name}.");
        var bidPrice = Column("bid_price_1");
        var bidQty = Column("bid_qty_1");
        var bidOrders = Column("bid_orders_1");
        var askPrice = Column("ask_price_1");
        var askQty = Column("ask_qty_1");
        var askOrders = Column("ask_orders_1");

        foreach (var (line, f) in rows)
        {
            var time = ParseInstant(f[Column("time")], file, line);
            var depth = new RecordedDepthLevel[5];
            for (var level = 0; level < depth.Length; level++)
            {
                depth[level] = new RecordedDepthLevel(
                    Long(f[bidQty + level], file, line), (int)Long(f[bidOrders + level], file, line), Price(f[bidPrice + level], file, line),
                    Long(f[askQty + level], file, line), (int)Long(f[askOrders + level], file, line), Price(f[askPrice + level], file, line));
            }

            var day = s.GetOrAddDay(Ist.DateOf(time));
            day.RecordedPreviousClose = Price(f[Column("day_close")], file, line);
            day.Ticks.Add(new ReplayTick
            {
                Time = time,
                LastTradeTime = ParseInstant(f[Column("last_trade_time")], file, line),
                LastPrice = Price(f[Column("last_price")], file, line),
                LastQuantity = Long(f[Column("last_traded_quantity")], file, line),
                Volume = Long(f[Column("volume_traded")], file, line),
                AveragePrice = Price(f[Column("average_traded_price")], file, line),
                TotalBuyQuantity = Long(f[Column("total_buy_quantity")], file, line),
                TotalSellQuantity = Long(f[Column("total_sell_quantity")], file, line),
                OpenInterest = Long(f[Column("oi")], file, line),
                DayOpen = Price(f[Column("day_open")], file, line),
                DayHigh = Price(f[Column("day_high")], file, line),
                DayLow = Price(f[Column("day_low")], file, line),
                Depth = depth,
            });
        }
    }

    // ts_ist,kind,trading_symbol,strike,option_type,underlying_ltp,open,high,low,close,ltp,volume,oi,
    // oi_day_high,oi_day_low,day_open,day_high,day_low,prev_close,bid,bid_qty,ask,ask_qty,last_trade_time_ist
    private static void ReadOptions(Dictionary<InstrumentKey, RecordedSeries> all, Dictionary<string, InstrumentKey> byKiteSymbol, string file)
    {
        var seen = new HashSet<(string Symbol, string Time)>();
        foreach (var (line, f) in ReadRows(file))
        {
            if (!seen.Add((f[2], f[0])))
            {
                continue; // The converted file repeats some quote rows.
            }

            if (!byKiteSymbol.TryGetValue(f[2], out var key))
            {
                throw new InvalidDataException($"{file} line {line}: the bundled master has no contract with Kite symbol {f[2]}.");
            }

            var time = ParseInstant(f[0], file, line);
            var day = SeriesFor(all, key, file).GetOrAddDay(Ist.DateOf(time));
            if (f[1] == "bar_1min")
            {
                day.Bars.Add(new RecordedBar(time, TimeSpan.FromMinutes(1), Price(f[6], file, line), Price(f[7], file, line), Price(f[8], file, line), Price(f[9], file, line), Long(f[11], file, line)));
                continue;
            }

            day.RecordedPreviousClose = Price(f[18], file, line);
            day.Ticks.Add(new ReplayTick
            {
                Time = time,
                LastTradeTime = ParseInstant(f[23], file, line),
                LastPrice = Price(f[10], file, line),
                Volume = Long(f[11], file, line),
                OpenInterest = Long(f[12], file, line),
                OpenInterestDayHigh = Long(f[13], file, line),
                OpenInterestDayLow = Long(f[14], file, line),
                DayOpen = Price(f[15], file, line),
                DayHigh = Price(f[16], file, line),
                DayLow = Price(f[17], file, line),
                Depth = [new RecordedDepthLevel(Long(f[20], file, line), 0, Price(f[19], file, line), Long(f[22], file, line), 0, Price(f[21], file, line))],
            });
        }
    }

    private static List<(int Line, string[] Fields)> ReadRows(string file) => ReadRows(file, out _);

    private static List<(int Line, string[] Fields)> ReadRows(string file, out string[] header)
    {
        using var stream = typeof(MarketRecording).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidDataException($"The recording {file} is missing from the simulator assembly.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        header = (reader.ReadLine() ?? throw new InvalidDataException($"{file} is empty.")).Split(',');
        var rows = new List<(int, string[])>();
        var number = 1;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(',');
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{file} line {number}: {fields.Length} fields, expected {header.Length}.");
            }

            rows.Add((number, fields));
        }

        return rows;
    }

    private static DateTimeOffset ParseInstant(string text, string file, int line)
    {
        // The futures files write UTC as "+00"; .NET wants an offset with minutes.
        var normalised = text.EndsWith("+00", StringComparison.Ordinal) ? text + ":00" : text;
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? Ist.ToIst(instant)
            : throw new InvalidDataException($"{file} line {line}: '{text}' is not a timestamp with an offset.");
    }

    private static decimal Price(string text, string file, int line) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{file} line {line}: '{text}' is not a price.");

    private static long Long(string text, string file, int line) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value)
            ? (long)value
            : throw new InvalidDataException($"{file} line {line}: '{text}' is not a whole number.");
}
