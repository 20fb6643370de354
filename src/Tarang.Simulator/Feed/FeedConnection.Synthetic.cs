using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Simulator.Synthetic;

namespace Tarang.Simulator.Feed;

internal sealed partial class FeedConnection
{
    private long lastSyntheticTimestamp;

    // Each subscribed synthetic instrument earns ticks at its share of the total rate. Whole
    // ticks earned since the last pump are sent now, and the fraction carries over.
    private async Task SendSyntheticAsync(SyntheticMarket synthetic, CancellationToken cancellationToken)
    {
        var timestamp = context.WallClock.GetTimestamp();
        var elapsed = lastSyntheticTimestamp == 0 ? TimeSpan.Zero : context.WallClock.GetElapsedTime(lastSyntheticTimestamp, timestamp);
        lastSyntheticTimestamp = timestamp;
        var earned = elapsed.TotalSeconds * synthetic.TicksPerSecondPerInstrument;
        var now = context.Clock.GetUtcNow();

        KeyValuePair<InstrumentKey, FeedSubscription>[] current;
        lock (subscriptionLock)
        {
            current = [.. subscriptions];
        }

        foreach (var (key, subscription) in current)
        {
            if (!synthetic.Contains(key))
            {
                continue;
            }

            FeedMode[] modes;
            lock (subscriptionLock)
            {
                modes = [.. subscription.Modes];
            }

            subscription.SyntheticCredit += earned;
            while (subscription.SyntheticCredit >= 1)
            {
                subscription.SyntheticCredit--;
                await SendTickAsync(key, synthetic.NextTick(key, now), null, modes, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
