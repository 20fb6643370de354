using Tarang.Market.Instruments;
using Tarang.Server.LiveData;

namespace Tarang.Server.Apis.Market;

/// <summary>
/// One instrument in the market routes: the legacy market item (symbol, name, ltp, change,
/// changePercent, open, high, low, prevClose, volume, isPositive, timestamp) plus the instrument
/// key, the other quote-mode fields and the data's freshness. Values the feed has not sent are
/// null, never filled in; an instrument without data yet has <see cref="HasData"/> false.
/// Prices are rupees; times are IST with an offset.
/// </summary>
public sealed record MarketItem
{
    /// <summary>The trading symbol from the instrument master, such as "NIFTY" or "RELIANCE".</summary>
    public required string Symbol { get; init; }

    /// <summary>The display name from the instrument master, such as "Nifty 50".</summary>
    public required string Name { get; init; }

    public decimal? Ltp { get; init; }

    /// <summary>LTP minus the previous close; null without either.</summary>
    public decimal? Change { get; init; }

    /// <summary>The change as a percentage of the previous close, to two places.</summary>
    public decimal? ChangePercent { get; init; }

    public decimal? Open { get; init; }

    public decimal? High { get; init; }

    public decimal? Low { get; init; }

    /// <summary>The previous session's close.</summary>
    public decimal? PrevClose { get; init; }

    /// <summary>The day's traded volume in shares (or contracts' units); Dhan sends 0 for indices.</summary>
    public long? Volume { get; init; }

    /// <summary>True when the change is zero or more; null without a change.</summary>
    public bool? IsPositive { get; init; }

    /// <summary>When the server received the latest values (the same instant as <see cref="ReceivedAt"/>).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The instrument key, such as "NSE_EQ:2885".</summary>
    public required string Instrument { get; init; }

    /// <summary>The exchange segment by Dhan's name, such as "NSE_EQ" or "IDX_I".</summary>
    public required string Segment { get; init; }

    public required long SecurityId { get; init; }

    /// <summary>The instrument kind from the master: Index, Equity, FutureIndex, OptionIndex, FutureStock, OptionStock and so on.</summary>
    public required string Kind { get; init; }

    /// <summary>The old system's symbol of this index (NIFTY_50, BANK_NIFTY, SENSEX, FINNIFTY); null for others.</summary>
    public string? LegacySymbol { get; init; }

    /// <summary>The last trade time.</summary>
    public DateTimeOffset? Ltt { get; init; }

    /// <summary>The last traded quantity.</summary>
    public long? Ltq { get; init; }

    /// <summary>The average trade price.</summary>
    public decimal? Atp { get; init; }

    public long? TotalBuyQuantity { get; init; }

    public long? TotalSellQuantity { get; init; }

    /// <summary>Dhan's "close" field as sent in quote packets.</summary>
    public decimal? Close { get; init; }

    /// <summary>Open interest, for derivatives.</summary>
    public long? Oi { get; init; }

    /// <summary>False when no data has arrived for the instrument yet; every value is then null.</summary>
    public required bool HasData { get; init; }

    /// <summary>When the server received the latest values; null without data.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Milliseconds from <see cref="ReceivedAt"/> to the reply; null without data.</summary>
    public long? AgeMs { get; init; }

    /// <summary>True when the values are not live: no data yet, the feed is not live, or the market is not open.</summary>
    public required bool Stale { get; init; }

    /// <summary>Why the values are stale; null when they are live.</summary>
    public string? StaleReason { get; init; }

    /// <summary>The exchange's status by the exchange clock: Open, PreOpen, Closed or Holiday.</summary>
    public required string MarketStatus { get; init; }

    /// <summary>The reason given for an instrument without data.</summary>
    public const string NoDataReason = "No data has arrived for this instrument yet, so ask again in a few seconds. An instrument that has not traded today has none.";

    /// <summary>Builds the item from the instrument and its snapshot, or with nulls when there is none.</summary>
    public static MarketItem From(Instrument instrument, MarketSnapshot? snapshot, SnapshotConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var legacySymbol = instrument.Kind == InstrumentKind.Index ? LegacySymbols.AliasOf(instrument.Symbol) : null;
        if (snapshot is null)
        {
            return new MarketItem
            {
                Symbol = instrument.Symbol,
                Name = instrument.DisplayName,
                Instrument = instrument.Key.ToString(),
                Segment = instrument.Key.Segment.ToDhanName(),
                SecurityId = instrument.Key.SecurityId,
                Kind = instrument.Kind.ToString(),
                LegacySymbol = legacySymbol,
                HasData = false,
                Stale = true,
                StaleReason = NoDataReason,
                MarketStatus = conditions.MarketStatus.ToString(),
            };
        }

        return new MarketItem
        {
            Symbol = snapshot.Symbol,
            Name = snapshot.Name,
            Ltp = snapshot.Ltp,
            Change = snapshot.Change,
            ChangePercent = snapshot.ChangePercent,
            Open = snapshot.Open,
            High = snapshot.High,
            Low = snapshot.Low,
            PrevClose = snapshot.PreviousClose,
            Volume = snapshot.Volume,
            IsPositive = snapshot.Change is { } change ? change >= 0 : null,
            Timestamp = snapshot.ReceivedAt,
            Instrument = snapshot.Instrument,
            Segment = snapshot.Segment,
            SecurityId = snapshot.SecurityId,
            Kind = instrument.Kind.ToString(),
            LegacySymbol = legacySymbol,
            Ltt = snapshot.Ltt,
            Ltq = snapshot.Ltq,
            Atp = snapshot.Atp,
            TotalBuyQuantity = snapshot.TotalBuyQuantity,
            TotalSellQuantity = snapshot.TotalSellQuantity,
            Close = snapshot.Close,
            Oi = snapshot.Oi,
            HasData = true,
            ReceivedAt = snapshot.ReceivedAt,
            AgeMs = snapshot.AgeMs,
            Stale = snapshot.Stale,
            StaleReason = snapshot.StaleReason,
            MarketStatus = snapshot.MarketStatus,
        };
    }
}
