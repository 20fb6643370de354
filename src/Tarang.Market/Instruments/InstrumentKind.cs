namespace Tarang.Market.Instruments;

/// <summary>The instrument name column of Dhan's master (<c>SEM_INSTRUMENT_NAME</c> or <c>INSTRUMENT</c>).</summary>
public enum InstrumentKind
{
    Index,
    Equity,
    FutureIndex,
    OptionIndex,
    FutureStock,
    OptionStock,
    FutureCommodity,
    OptionCommodityFuture,
    FutureCurrency,
    OptionCurrency,
}
