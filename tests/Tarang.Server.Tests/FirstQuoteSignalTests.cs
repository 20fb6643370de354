using Microsoft.Extensions.Time.Testing;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;

namespace Tarang.Server.Tests;

/// <summary>A request waiting for an instrument's first quote is woken by the update that completes one.</summary>
public class FirstQuoteSignalTests
{
    private static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);
    private static readonly InstrumentKey Nifty = new(ExchangeSegment.IdxI, 13);

    [Fact]
    public void Signal_CompletesOnFirstStateWithQuote()
    {
        var (signal, values) = Create();
        using var registration = signal.Register(Reliance);

        values.OnUpdate(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.PreviousClose, PreviousClose = 1560m });
        Assert.False(registration.Arrived.IsCompleted, "A previous-close packet has no LTP, so it must not wake the waiter.");

        values.OnUpdate(Quote(Nifty, 26100m));
        Assert.False(registration.Arrived.IsCompleted, "Another instrument's quote woke the waiter.");

        values.OnUpdate(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.Ticker, LastTradedPrice = 1570.5m });
        Assert.False(registration.Arrived.IsCompleted, "A ticker packet has no day OHLC or volume, so it must not wake the waiter.");

        values.OnUpdate(Quote(Reliance, 1570.5m));
        Assert.True(registration.Arrived.IsCompletedSuccessfully);
    }

    [Fact]
    public void Signal_LaterRegistrationSurvivesEarlierDispose()
    {
        var (signal, values) = Create();
        var first = signal.Register(Reliance);
        values.OnUpdate(Quote(Reliance, 1570.5m));
        Assert.True(first.Arrived.IsCompletedSuccessfully);

        // The first waiter was signalled and removed; a second request registers anew, then the
        // first disposes, which must not remove the second one's waiter.
        using var second = signal.Register(Reliance);
        first.Dispose();
        values.OnUpdate(Quote(Reliance, 1571m));

        Assert.True(second.Arrived.IsCompletedSuccessfully);
    }

    [Fact]
    public void Signal_SharedWaiterStaysUntilLastDispose()
    {
        var (signal, values) = Create();
        var first = signal.Register(Reliance);
        using var second = signal.Register(Reliance);

        first.Dispose();
        values.OnUpdate(Quote(Reliance, 1570.5m));

        Assert.True(second.Arrived.IsCompletedSuccessfully);
    }

    private static MarketUpdate Quote(InstrumentKey instrument, decimal ltp) => new()
    {
        Instrument = instrument,
        Kind = MarketUpdateKind.Quote,
        LastTradedPrice = ltp,
        Volume = 1000,
        DayOpen = ltp,
        DayHigh = ltp,
        DayLow = ltp,
    };

    private static (FirstQuoteSignal Signal, LatestValues Values) Create()
    {
        var signal = new FirstQuoteSignal();
        var values = new LatestValues(new FakeTimeProvider(), () => [signal]);
        values.Track(Reliance);
        values.Track(Nifty);
        return (signal, values);
    }
}
