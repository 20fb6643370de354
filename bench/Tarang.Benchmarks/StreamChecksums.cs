using System.Runtime.CompilerServices;

namespace Tarang.Benchmarks;

/// <summary>
/// The exact integer checksums that validate_stream.py of the feed-decode benchmark prints,
/// so a decoder's output can be compared with the reference field by field. Prices are summed
/// in paise.
/// </summary>
internal sealed class StreamChecksums
{
    // Inline arrays indexed by response code: with a constant index the JIT drops the bounds
    // check, as the C reference's fixed arrays have none.
    [InlineArray(51)]
    public struct PerCode
    {
        private long value;
    }

    private static readonly byte[] TradeCodes = [4, 8];

    public PerCode Count;

    public PerCode SecurityId;

    public PerCode Segment;

    public PerCode LtpPaise;

    public PerCode Ltt;

    public PerCode LttTimeOfDay;

    public PerCode Ltq;

    public PerCode Volume;

    public PerCode TotalSell;

    public PerCode TotalBuy;

    public PerCode AtpPaise;

    public PerCode OpenPaise;

    public PerCode ClosePaise;

    public PerCode HighPaise;

    public PerCode LowPaise;

    public long OpenInterest5 { get; set; }

    public long OpenInterest8 { get; set; }

    public long OpenInterestHigh8 { get; set; }

    public long OpenInterestLow8 { get; set; }

    public long PreviousClosePaise6 { get; set; }

    public long PreviousOpenInterest6 { get; set; }

    public long DepthBidQuantity { get; set; }

    public long DepthAskQuantity { get; set; }

    public long DepthBidOrders { get; set; }

    public long DepthAskOrders { get; set; }

    public long DepthBidPaise { get; set; }

    public long DepthAskPaise { get; set; }

    /// <summary>Rounds a non-negative float32 price to paise as the reference decoders do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Paise(float price) => (long)((price * 100.0) + 0.5);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddHeader(byte code, uint securityId, byte segment)
    {
        Count[code]++;
        SecurityId[code] += securityId;
        Segment[code] += segment;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddTime(int code, uint ltt)
    {
        Ltt[code] += ltt;
        LttTimeOfDay[code] += ltt % 86400;
    }

    /// <summary>Returns the checksums under validate_stream.py's key names, for the codes seen.</summary>
    public SortedDictionary<string, long> ToDictionary()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        for (var code = 0; code < 51; code++)
        {
            if (Count[code] == 0)
            {
                continue;
            }

            total += Count[code];
            result[$"count_{code}"] = Count[code];
            result[$"secid_{code}"] = SecurityId[code];
            result[$"seg_{code}"] = Segment[code];
        }

        result["count_total"] = total;
        if (Count[2] > 0)
        {
            result["ltp_paise_2"] = LtpPaise[2];
            result["ltt_2"] = Ltt[2];
            result["lttsod_2"] = LttTimeOfDay[2];
        }

        foreach (var code in TradeCodes)
        {
            if (Count[code] == 0)
            {
                continue;
            }

            result[$"ltp_paise_{code}"] = LtpPaise[code];
            result[$"ltq_{code}"] = Ltq[code];
            result[$"ltt_{code}"] = Ltt[code];
            result[$"lttsod_{code}"] = LttTimeOfDay[code];
            result[$"atp_paise_{code}"] = AtpPaise[code];
            result[$"vol_{code}"] = Volume[code];
            result[$"tsq_{code}"] = TotalSell[code];
            result[$"tbq_{code}"] = TotalBuy[code];
            result[$"open_paise_{code}"] = OpenPaise[code];
            result[$"close_paise_{code}"] = ClosePaise[code];
            result[$"high_paise_{code}"] = HighPaise[code];
            result[$"low_paise_{code}"] = LowPaise[code];
        }

        if (Count[5] > 0)
        {
            result["oi_5"] = OpenInterest5;
        }

        if (Count[6] > 0)
        {
            result["pclose_paise_6"] = PreviousClosePaise6;
            result["poi_6"] = PreviousOpenInterest6;
        }

        if (Count[8] > 0)
        {
            result["oi_8"] = OpenInterest8;
            result["oihi_8"] = OpenInterestHigh8;
            result["oilo_8"] = OpenInterestLow8;
            result["dbq_8"] = DepthBidQuantity;
            result["daq_8"] = DepthAskQuantity;
            result["dbo_8"] = DepthBidOrders;
            result["dao_8"] = DepthAskOrders;
            result["dbp_paise_8"] = DepthBidPaise;
            result["dap_paise_8"] = DepthAskPaise;
        }

        return result;
    }
}
