using Tarang.Market.Instruments;
using Tarang.Market.Time;

namespace Tarang.Server.Apis;

/// <summary>An instrument as the HTTP API returns it: prices in rupees, expiry in IST with an offset.</summary>
public sealed record InstrumentResponse(
    string Key,
    string ExchangeSegment,
    uint SecurityId,
    string Symbol,
    string DisplayName,
    string Kind,
    string? Series,
    int LotSize,
    decimal TickSize,
    DateTimeOffset? Expiry,
    string? ExpiryFlag,
    decimal? Strike,
    string? OptionType,
    string? UnderlyingSymbol,
    uint? UnderlyingSecurityId,
    string? Isin)
{
    public static InstrumentResponse From(Instrument instrument) => new(
        instrument.Key.ToString(),
        instrument.Key.Segment.ToDhanName(),
        instrument.Key.SecurityId,
        instrument.Symbol,
        instrument.DisplayName,
        instrument.Kind.ToDhanName(),
        instrument.Series.Length == 0 ? null : instrument.Series,
        instrument.LotSize,
        instrument.TickSize.Rupees,
        instrument.Expiry is { } expiry ? Ist.ToIst(expiry) : null,
        instrument.ExpiryFlag,
        instrument.Strike,
        instrument.OptionType?.ToString(),
        instrument.UnderlyingSymbol,
        instrument.UnderlyingSecurityId,
        instrument.Isin);
}
