namespace Tarang.Server.Candles;

/// <summary>Bounds of the server's in-memory 1-minute candles, bound from the <c>Candles</c> section.</summary>
public sealed class CandleOptions
{
    public const string SectionName = "Candles";

    /// <summary>
    /// Default <see cref="MaxInstruments"/>. A full day of one instrument is 375 candles of 104
    /// bytes each, so 1,000 instruments keep at most about 40 MB.
    /// </summary>
    public const int DefaultMaxInstruments = 1_000;

    /// <summary>Default <see cref="MaxInstrumentsPerSession"/>.</summary>
    public const int DefaultMaxInstrumentsPerSession = 20;

    /// <summary>The upper limit of both settings, far above any real need, so a typo is caught.</summary>
    public const int MaxSetting = 100_000;

    /// <summary>
    /// Instruments whose candles are kept. When a new instrument trades with the store full, the
    /// instrument least recently updated or read is dropped with its candles.
    /// </summary>
    public int MaxInstruments { get; set; } = DefaultMaxInstruments;

    /// <summary>
    /// Instruments one session's candle requests hold on the feed. A request beyond it releases
    /// the instrument that session requested longest ago.
    /// </summary>
    public int MaxInstrumentsPerSession { get; set; } = DefaultMaxInstrumentsPerSession;
}
