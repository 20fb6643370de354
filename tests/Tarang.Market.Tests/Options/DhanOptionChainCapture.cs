using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tarang.Market.Options;
using Tarang.Market.Prices;

namespace Tarang.Market.Tests.Options;

/// <summary>Which price of a captured option the analytics take.</summary>
internal enum CapturedPrice
{
    /// <summary>The LTP, which is what Dhan's own IVs fit best.</summary>
    LastPrice,

    /// <summary>The mean of the top bid and ask; zero when either is missing.</summary>
    MidOfTopBidAsk,
}

/// <summary>One side (CE or PE) of a strike in a captured Dhan option chain response.</summary>
internal sealed record DhanCapturedOption(
    decimal LastPrice,
    decimal TopBidPrice,
    decimal TopAskPrice,
    long Volume,
    double ImpliedVolatilityPercent,
    double Delta,
    double Gamma,
    double Theta,
    double Vega);

/// <summary>One strike of a captured Dhan option chain response.</summary>
internal sealed record DhanCapturedStrike(decimal Strike, DhanCapturedOption? Call, DhanCapturedOption? Put);

/// <summary>
/// A real Dhan <c>POST /v2/optionchain</c> response from Fixtures/, with the expiry and the
/// capture instant (UTC) taken from its file name.
/// </summary>
internal sealed partial record DhanOptionChainCapture(
    string FileName,
    decimal UnderlyingPrice,
    DateOnly ExpiryDate,
    DateTimeOffset CapturedAt,
    IReadOnlyList<DhanCapturedStrike> Strikes)
{
    public const string January30Expiry = "dhan_optionchain_NIFTY13_IDX_I_exp2025-01-30_captured2025-01-28T0933Z.json";
    public const string February6Expiry = "dhan_optionchain_NIFTY13_IDX_I_exp2025-02-06_captured2025-02-01T1239Z.json";

    public static DhanOptionChainCapture Load(string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new ArgumentException($"The capture file name '{fileName}' has no _expYYYY-MM-DD_capturedYYYY-MM-DDTHHMMZ part.", nameof(fileName));
        }

        var expiryDate = DateOnly.ParseExact(match.Groups["expiry"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var capturedAt = DateTimeOffset.ParseExact(
            match.Groups["captured"].Value,
            "yyyy-MM-dd'T'HHmm'Z'",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);

        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName)));
        var data = document.RootElement.GetProperty("data");

        // The underlying's last_price is a float32 on Dhan's side (22952.94921875); index values tick at ₹0.01.
        var underlying = TickSize.OnePaisa.Round(data.GetProperty("last_price").GetDouble())
            ?? throw new InvalidDataException($"{fileName}: the underlying last_price is not finite.");

        var strikes = new List<DhanCapturedStrike>();
        foreach (var strike in data.GetProperty("oc").EnumerateObject())
        {
            strikes.Add(new DhanCapturedStrike(
                decimal.Parse(strike.Name, NumberStyles.Number, CultureInfo.InvariantCulture),
                ReadSide(strike.Value, "ce"),
                ReadSide(strike.Value, "pe")));
        }

        strikes.Sort((a, b) => a.Strike.CompareTo(b.Strike));
        return new DhanOptionChainCapture(fileName, underlying, expiryDate, capturedAt, strikes);
    }

    /// <summary>
    /// Converts the capture to analytics input. A side with volume 0 has not traded in the
    /// session, so its LTP is from an earlier day and is marked stale.
    /// </summary>
    public IReadOnlyList<StrikeQuotes> ToStrikeQuotes(CapturedPrice price) =>
        [.. Strikes.Select(row => new StrikeQuotes(row.Strike, ToQuote(row.Call, price), ToQuote(row.Put, price)))];

    private static OptionQuote? ToQuote(DhanCapturedOption? side, CapturedPrice price)
    {
        if (side is null)
        {
            return null;
        }

        var value = price == CapturedPrice.LastPrice
            ? side.LastPrice
            : side.TopBidPrice > 0 && side.TopAskPrice > 0 ? (side.TopBidPrice + side.TopAskPrice) / 2 : 0;

        return new OptionQuote(value, IsStale: side.Volume == 0);
    }

    private static DhanCapturedOption? ReadSide(JsonElement strike, string name)
    {
        if (!strike.TryGetProperty(name, out var side))
        {
            return null;
        }

        var greeks = side.GetProperty("greeks");
        return new DhanCapturedOption(
            side.GetProperty("last_price").GetDecimal(),
            side.GetProperty("top_bid_price").GetDecimal(),
            side.GetProperty("top_ask_price").GetDecimal(),
            side.GetProperty("volume").GetInt64(),
            side.GetProperty("implied_volatility").GetDouble(),
            greeks.GetProperty("delta").GetDouble(),
            greeks.GetProperty("gamma").GetDouble(),
            greeks.GetProperty("theta").GetDouble(),
            greeks.GetProperty("vega").GetDouble());
    }

    [GeneratedRegex(@"_exp(?<expiry>\d{4}-\d{2}-\d{2})_captured(?<captured>\d{4}-\d{2}-\d{2}T\d{4}Z)\.json$")]
    private static partial Regex FileNamePattern();
}
