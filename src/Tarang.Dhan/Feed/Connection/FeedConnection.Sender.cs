using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

internal sealed partial class FeedConnection
{
    private static readonly FeedMode[] SendOrder = [FeedMode.Ticker, FeedMode.Quote, FeedMode.Full];

    /// <summary>
    /// Sends the difference between the desired set and what this socket has sent, one batch of at
    /// most 100 at a time, subscribes before unsubscribes. Because it sends a difference and not a
    /// queue of changes, a change that a replay already covers is never sent twice, and a pair
    /// added and removed before its turn is never sent at all.
    /// </summary>
    private async Task SendLoopAsync(FeedSession open, CancellationToken token)
    {
        feed.Counters.SendLoopStarted();
        try
        {
            while (true)
            {
                await sendSignal.WaitAsync(token).ConfigureAwait(false);
                while (TryTakeBatch(open, out var code, out var batch))
                {
                    var message = FeedRequestEncoder.EncodeBatches(code, batch)[0];
                    await sendLock.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        await open.Socket.SendAsync(message, WebSocketMessageType.Text, true, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        sendLock.Release();
                    }

                    MarkSent(open, code, batch);
                    DhanFeed.Log.RequestSent(feed.Logger, Index, code, batch.Count);
                }

                feed.ReportState();
                if (IsWithoutDemand(open))
                {
                    await ReleaseAsync(open, token).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or TimeoutException)
        {
            // The session is ending, the socket broke, or a released socket did not close in time.
            // The receive loop reports why.
        }
        finally
        {
            feed.Counters.SendLoopEnded();
        }
    }

    /// <summary>
    /// Returns true when a socket after the first has no pairs and nothing left to unsubscribe.
    /// The first socket stays open while the feed runs, so the feed is live without subscriptions.
    /// </summary>
    private bool IsWithoutDemand(FeedSession open)
    {
        lock (feed.Sync)
        {
            if (Index == 0 || session != open || Desired.Count > 0 || Sent.Count > 0)
            {
                return false;
            }

            open.Released = true;
            return true;
        }
    }

    /// <summary>Sends Dhan's disconnect request and starts the close handshake; the receive loop receives the server's close.</summary>
    private async Task ReleaseAsync(FeedSession open, CancellationToken token)
    {
        await sendLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await open.Socket.SendAsync(FeedRequestEncoder.EncodeDisconnect(), WebSocketMessageType.Text, true, token).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }

        DhanFeed.Log.Released(feed.Logger, Index);
        await open.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "No subscriptions", token).ConfigureAwait(false);

        // Bounded like the stop path: a server that never closes gets the socket aborted.
        await open.Receiving.WaitAsync(feed.Options.DisconnectRequestTimeout, WallClock, token).ConfigureAwait(false);
    }

    private bool TryTakeBatch(FeedSession open, out FeedRequestCode code, [NotNullWhen(true)] out List<InstrumentKey>? batch)
    {
        lock (feed.Sync)
        {
            code = default;
            batch = null;
            if (session != open)
            {
                return false;
            }

            foreach (var mode in SendOrder)
            {
                batch = Take(Desired, Sent, mode);
                if (batch is not null)
                {
                    code = FeedRequestEncoder.SubscribeCode(mode);
                    return true;
                }
            }

            foreach (var mode in SendOrder)
            {
                batch = Take(Sent, Desired, mode);
                if (batch is not null)
                {
                    code = FeedRequestEncoder.UnsubscribeCode(mode);
                    return true;
                }
            }

            return false;
        }
    }

    /// <returns>Up to 100 instruments of <paramref name="mode"/> in <paramref name="from"/> and not in <paramref name="except"/>, or null.</returns>
    private static List<InstrumentKey>? Take(HashSet<FeedSubscription> from, HashSet<FeedSubscription> except, FeedMode mode)
    {
        List<InstrumentKey>? batch = null;
        foreach (var subscription in from)
        {
            if (subscription.Mode != mode || except.Contains(subscription))
            {
                continue;
            }

            batch ??= [];
            batch.Add(subscription.Instrument);
            if (batch.Count == FeedRequestEncoder.MaxInstrumentsPerMessage)
            {
                break;
            }
        }

        return batch;
    }

    private void MarkSent(FeedSession open, FeedRequestCode code, List<InstrumentKey> batch)
    {
        var mode = SendOrder.First(m => FeedRequestEncoder.SubscribeCode(m) == code || FeedRequestEncoder.UnsubscribeCode(m) == code);
        var subscribing = FeedRequestEncoder.SubscribeCode(mode) == code;
        lock (feed.Sync)
        {
            if (session != open)
            {
                return;
            }

            foreach (var instrument in batch)
            {
                var subscription = new FeedSubscription(instrument, mode);
                if (subscribing)
                {
                    Sent.Add(subscription);
                }
                else
                {
                    Sent.Remove(subscription);
                }
            }
        }
    }
}
