using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;

namespace Tarang.Server.LiveData;

/// <summary>
/// Lets a request wait for an instrument's first quote (see <see cref="HasQuote"/>) without
/// polling. The feed's decode task calls <see cref="OnStateChanged"/>, which returns after one
/// read of a counter while no request waits.
/// </summary>
public sealed class FirstQuoteSignal : IMarketStateObserver
{
    private readonly Lock sync = new();
    private readonly Dictionary<InstrumentKey, Waiter> waiters = [];
    private volatile int waiting;

    /// <summary>
    /// Registers interest in the instrument's next state for which <see cref="HasQuote"/> is true.
    /// The returned registration's task completes when such a state arrives. Dispose the
    /// registration when done.
    /// </summary>
    public Registration Register(InstrumentKey instrument)
    {
        lock (sync)
        {
            if (!waiters.TryGetValue(instrument, out var waiter))
            {
                waiter = new Waiter();
                waiters[instrument] = waiter;
                waiting = waiters.Count;
            }

            waiter.References++;
            return new Registration(this, instrument, waiter);
        }
    }

    /// <summary>
    /// Returns true when the merged values have an LTP and the fields of a quote or full packet,
    /// marked by the volume, which the decoder sets from every such packet (0 for indices). A
    /// ticker or previous-close packet alone is not enough, so a request that raised the
    /// instrument to quote mode waits for the day's OHLC and volume too.
    /// </summary>
    public static bool HasQuote(in MarketUpdate values) => values.LastTradedPrice is not null && values.Volume is not null;

    public void OnStateChanged(in MarketUpdate update, LatestValue state)
    {
        if (waiting == 0 || !HasQuote(state.Values))
        {
            return;
        }

        Waiter? signalled;
        lock (sync)
        {
            if (!waiters.Remove(update.Instrument, out signalled))
            {
                return;
            }

            waiting = waiters.Count;
        }

        signalled.Arrived.TrySetResult();
    }

    private void Unregister(InstrumentKey instrument, Waiter waiter)
    {
        lock (sync)
        {
            // A signalled waiter is already gone, and a later request may have added a new one
            // for the same instrument, which this registration must not touch.
            if (--waiter.References == 0 && waiters.TryGetValue(instrument, out var current) && ReferenceEquals(current, waiter))
            {
                waiters.Remove(instrument);
                waiting = waiters.Count;
            }
        }
    }

    /// <summary>One request's interest in one instrument's first quote.</summary>
    public sealed class Registration : IDisposable
    {
        private readonly FirstQuoteSignal owner;
        private readonly InstrumentKey instrument;
        private readonly Waiter waiter;
        private int disposed;

        internal Registration(FirstQuoteSignal owner, InstrumentKey instrument, Waiter waiter)
        {
            this.owner = owner;
            this.instrument = instrument;
            this.waiter = waiter;
        }

        /// <summary>Completes when a state with a quote arrives for the instrument.</summary>
        public Task Arrived => waiter.Arrived.Task;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Unregister(instrument, waiter);
            }
        }
    }

    internal sealed class Waiter
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int References { get; set; }
    }
}
