using Microsoft.Extensions.Time.Testing;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.LiveData;

namespace Tarang.Server.Tests;

/// <summary>A request waiting for an instrument's first price is woken by the update that brings one.</summary>
public class FirstPriceSignalTests
{
    private static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);
    private static readonly InstrumentKey Nifty = new(ExchangeSegment.IdxI, 13);

    [Fact]
    public void Signal_CompletesOnFirstStateWithPrice()
    {
        var (signal, values) = Create();
        using var registration = signal.Register(Reliance);

        values.OnUpdate(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.PreviousClose, PreviousClose = 1560m });
        Assert.False(registration.Arrived.IsCompleted, "A previous-close packet has no LTP, so it must not wake the waiter.");

        values.OnUpdate(new MarketUpdate { Instrument = Nifty, Kind = MarketUpdateKind.Ticker, LastTradedPrice = 26100m });
        Assert.False(registration.Arrived.IsCompleted, "Another instrument's price woke the waiter.");

        values.OnUpdate(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.Ticker, LastTradedPrice = 1570.5m });
        Assert.True(registration.Arrived.IsCompletedSuccessfully);
    }

    [Fact]
    public void Signal_LaterRegistrationSurvivesEarlierDispose()
    {
        var (signal, values) = Create();
        var first = signal.Register(Reliance);
        values.OnUpdate(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.Ticker, LastTradedPrice = 1570.5m });
        Assert.True(first.Arrived.IsCompletedSuccessfully);

        // The first waiter was signalled and removed; a second request registers anew, then the
        // first disposes, which must not remove the second one's waiter.
        using var second = signal.Register(Reliance);
        first.Dispose();
        values.OnUpdate(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.Ticker, LastTradedPrice = 1571m });

        Assert.True(second.Arrived.IsCompletedSuccessfully);
    }

    [Fact]
    public void Signal_SharedWaiterStaysUntilLastDispose()
    {
        var (signal, values) = Create();
        var first = signal.Register(Reliance);
        using var second = signal.Register(Reliance);

        first.Dispose();
        values.OnUpdate(new MarketUpdate { Instrument = Reliance, Kind = MarketUpdateKind.Ticker, LastTradedPrice = 1570.5m });

        Assert.True(second.Arrived.IsCompletedSuccessfully);
    }

    private static (FirstPriceSignal Signal, LatestValues Values) Create()
    {
        var signal = new FirstPriceSignal();
        var values = new LatestValues(new FakeTimeProvider(), () => [signal]);
        values.Track(Reliance);
        values.Track(Nifty);
        return (signal, values);
    }
}
