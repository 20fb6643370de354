namespace Tarang.Server.Apis;

/// <summary>One 1-minute candle: the minute's start in IST, prices in rupees, volume in shares.</summary>
/// <param name="Time">The minute's start, such as <c>2025-12-24T09:15:00+05:30</c>.</param>
/// <param name="Open">The minute's first traded price.</param>
/// <param name="High">The minute's highest traded price.</param>
/// <param name="Low">The minute's lowest traded price.</param>
/// <param name="Close">The minute's last traded price; it still moves while the minute lasts.</param>
/// <param name="Volume">Shares traded in the minute; 0 for indices; null when only ticker packets, which carry no volume, came.</param>
/// <param name="Partial">True when trades of the minute may be missing, because the server started or resumed receiving the instrument during it.</param>
public sealed record CandleResponse(
    DateTimeOffset Time,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    long? Volume,
    bool Partial);
