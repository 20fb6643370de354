using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

internal sealed partial class FeedConnection
{
    /// <summary>
    /// Starts the receive watchdog of a session. It checks every half <c>Feed:SilentAfter</c>; only
    /// silence while the exchange clock puts the market in its normal session, on a socket with subscriptions,
    /// counts, because after the close Dhan sends one packet per instrument and then nothing.
    /// </summary>
    private ITimer StartWatchdog(FeedSession open)
    {
        var period = feed.Options.SilentAfter / 2;
        var timer = WallClock.CreateTimer(_ => CheckSilence(open), null, period, period);
        feed.Counters.TimerCreated();
        return timer;
    }

    private void CheckSilence(FeedSession open)
    {
        var now = WallClock.GetTimestamp();
        var marketOpen = feed.Clocks.IsMarketOpen();
        TimeSpan silence;
        bool becameSilent;
        lock (feed.Sync)
        {
            if (session != open)
            {
                return;
            }

            if (!marketOpen || Sent.Count == 0)
            {
                // Silence before the open or without subscriptions is normal; count from now on.
                open.SilenceCountsFrom = now;
                becameSilent = false;
                silence = TimeSpan.Zero;
                if (open.IsSilent)
                {
                    open.IsSilent = false;
                    state = FeedState.Live;
                }
            }
            else
            {
                silence = WallClock.GetElapsedTime(Math.Max(open.LastReceivedAt, open.SilenceCountsFrom), now);
                becameSilent = silence >= feed.Options.SilentAfter && !open.IsSilent;
                if (becameSilent)
                {
                    open.IsSilent = true;
                    state = FeedState.Silent;
                }
            }
        }

        if (becameSilent)
        {
            DhanFeed.Log.Silent(feed.Logger, Index, silence);
        }

        feed.ReportState();
        if (silence >= feed.Options.ReceiveSilenceThreshold)
        {
            open.MarkSilenceTimedOut();
            DhanFeed.Log.SilenceReconnect(feed.Logger, Index, silence);
            open.Socket.Abort();
        }
    }
}
