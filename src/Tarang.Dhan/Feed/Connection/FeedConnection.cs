using System.Diagnostics;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// One socket slot of the pool. A single loop task per slot connects, runs the session and backs
/// off, so at most one connect attempt is in flight per slot whatever the callers do. Fields marked
/// "feed lock" are guarded by <see cref="DhanFeed.Sync"/>.
/// </summary>
internal sealed partial class FeedConnection : IDisposable
{
    private readonly DhanFeed feed;

    // Released (up to a count of one) whenever the desired set of this slot changes or a session opens.
    private readonly SemaphoreSlim sendSignal = new(0, 1);

    // One send at a time on the socket: the send loop's requests and the stop path's disconnect request.
    private readonly SemaphoreSlim sendLock = new(1, 1);

    // Feed lock.
    private FeedState state = FeedState.Idle;
    private int failures;
    private int tooManyConnections;
    private DateTimeOffset? nextRetryAt;
    private FeedDisconnect? lastDisconnect;
    private Task loopTask = Task.CompletedTask;
    private FeedSession? session;

    public FeedConnection(DhanFeed feed, int index)
    {
        this.feed = feed;
        Index = index;
    }

    public int Index { get; }

    /// <summary>Pairs assigned to this slot (feed lock).</summary>
    public HashSet<FeedSubscription> Desired { get; } = [];

    /// <summary>Pairs whose subscribe request went out on the open socket (feed lock).</summary>
    public HashSet<FeedSubscription> Sent { get; } = [];

    /// <summary>True when the slot has subscriptions to carry (feed lock).</summary>
    public bool HasDemand => Desired.Count > 0;

    /// <summary>True while the slot can take another pair (feed lock).</summary>
    public bool HasRoom => Desired.Count < FeedOptions.MaxSubscriptionsPerConnection;

    /// <summary>The loop task, completed when the slot is not running.</summary>
    public Task LoopTask
    {
        get
        {
            lock (feed.Sync)
            {
                return loopTask;
            }
        }
    }

    private TimeProvider WallClock => feed.Clocks.WallClock;

    /// <summary>Starts the connect loop unless it runs already (feed lock held by the caller).</summary>
    public void StartLoop(FeedRun run)
    {
        Debug.Assert(feed.Sync.IsHeldByCurrentThread, "The caller holds the feed lock.");
        if (!loopTask.IsCompleted)
        {
            return;
        }

        state = FeedState.Connecting;
        loopTask = Task.Run(() => RunAsync(run), CancellationToken.None);
    }

    /// <summary>Wakes the send loop (feed lock held by the caller).</summary>
    public void SignalSend()
    {
        Debug.Assert(feed.Sync.IsHeldByCurrentThread, "The caller holds the feed lock.");
        if (sendSignal.CurrentCount == 0)
        {
            sendSignal.Release();
        }
    }

    /// <summary>Starts the backoff sequence again (feed lock held by the caller).</summary>
    public void ResetBackoff()
    {
        failures = 0;
        tooManyConnections = 0;
    }

    /// <summary>Marks the slot as waiting for credentials (feed lock held by the caller).</summary>
    public void SetWaitingForCredentials(FeedState haltState)
    {
        state = haltState;
        nextRetryAt = null;
    }

    /// <summary>Returns a snapshot (feed lock held by the caller).</summary>
    public FeedConnectionStatus BuildStatus() => new()
    {
        Index = Index,
        State = state,
        Desired = Desired.Count,
        Subscribed = session is null ? 0 : Sent.Count(Desired.Contains),
        Attempt = failures + tooManyConnections,
        NextRetryAt = nextRetryAt,
        LastDisconnect = lastDisconnect,
    };

    public void Dispose()
    {
        sendSignal.Dispose();
        sendLock.Dispose();
    }

    private async Task RunAsync(FeedRun run)
    {
        var token = run.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await WaitForDemandAsync(token).ConfigureAwait(false);
                var credentials = await feed.WaitForUsableCredentialsAsync(this, token).ConfigureAwait(false);
                FeedDisconnect outcome;
                try
                {
                    outcome = await RunSessionAsync(run, credentials).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // The loop must outlive any fault of one attempt; it logs and backs off.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    DhanFeed.Log.LoopFailed(feed.Logger, Index, exception.GetType().Name, FeedAddress.RedactMessage(exception.Message, FeedAddress.Build(feed.FeedUrl, credentials), credentials));
                    outcome = new FeedDisconnect(FeedDisconnectKind.ConnectionLost, WallClock.GetUtcNow()) { Detail = exception.GetType().Name };
                }

                if (token.IsCancellationRequested || feed.IsStopping)
                {
                    break;
                }

                if (outcome.Kind == FeedDisconnectKind.NoDemand)
                {
                    feed.RecordDisconnect(outcome);
                    continue;
                }

                var backoff = Classify(outcome, credentials, token);
                if (backoff is not null)
                {
                    await backoff.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped while waiting for credentials or backing off: no further attempt.
        }
        finally
        {
            lock (feed.Sync)
            {
                state = FeedState.Idle;
                nextRetryAt = null;
            }

            feed.ReportState();
        }
    }

    /// <summary>
    /// Waits until a slot after the first has pairs to carry. The first slot connects whenever the
    /// feed runs. A change of the desired set releases <see cref="sendSignal"/>, which wakes it.
    /// </summary>
    private async Task WaitForDemandAsync(CancellationToken token)
    {
        while (true)
        {
            lock (feed.Sync)
            {
                if (Index == 0 || HasDemand)
                {
                    return;
                }

                state = FeedState.Idle;
                nextRetryAt = null;
            }

            feed.ReportState();
            await sendSignal.WaitAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies Dhan's disconnect reasons: halt for rejected or expired credentials, long backoff for
    /// 805, ordinary backoff with jitter for everything else.
    /// </summary>
    /// <returns>
    /// The delay before the next attempt, or null when the loop must wait for credentials instead.
    /// The delay's timer starts before the state becomes BackingOff, so a caller that reads the
    /// retry time and advances the clock by that much always ends the delay.
    /// </returns>
    private Task? Classify(FeedDisconnect outcome, Credentials.DhanCredentials credentials, CancellationToken token)
    {
        feed.RecordDisconnect(outcome);
        feed.Counters.Disconnected(outcome);
        var code = outcome.ReasonCode ?? 0;
        var rejected = (outcome.Kind == FeedDisconnectKind.DhanReason && DhanDisconnectReasons.RejectsCredentials(code))
            || (outcome.Kind == FeedDisconnectKind.UpgradeRejected && outcome.HttpStatusCode is 401 or 403);
        var expired = outcome.Kind == FeedDisconnectKind.DhanReason && code == DhanDisconnectReasons.AccessTokenExpired;

        lock (feed.Sync)
        {
            lastDisconnect = outcome;
            if (outcome.OpenFor >= feed.Options.StableConnectionPeriod)
            {
                ResetBackoff();
            }
        }

        if (rejected || expired)
        {
            var haltState = expired ? FeedState.TokenExpired : FeedState.CredentialRejected;
            lock (feed.Sync)
            {
                SetWaitingForCredentials(haltState);
            }

            if (feed.Halt(haltState, credentials, outcome))
            {
                return null;
            }

            // The credentials were replaced while this attempt ran: try the new ones at once.
            return Task.CompletedTask;
        }

        TimeSpan delay;
        Task backoff;
        int attempt;
        // HTTP 429 at the upgrade means the same as 805, and one third-party client reports Dhan sends it.
        var tooMany = (outcome.Kind == FeedDisconnectKind.DhanReason && code == DhanDisconnectReasons.TooManyConnections)
            || (outcome.Kind == FeedDisconnectKind.UpgradeRejected && outcome.HttpStatusCode == 429);
        lock (feed.Sync)
        {
            if (tooMany)
            {
                tooManyConnections++;
                delay = feed.Backoff.TooManyConnections(tooManyConnections);
            }
            else
            {
                failures++;
                delay = feed.Backoff.Ordinary(failures);
            }

            attempt = failures + tooManyConnections;
            backoff = Task.Delay(delay, WallClock, token);
            state = FeedState.BackingOff;
            nextRetryAt = WallClock.GetUtcNow() + delay;
        }

        if (tooMany)
        {
            feed.Counters.RateLimitWaited(delay);
            DhanFeed.Log.TooManyConnections(feed.Logger, Index, delay, attempt);
        }
        else
        {
            DhanFeed.Log.Retrying(feed.Logger, Index, outcome.ToString(), delay, attempt);
        }

        feed.ReportState();
        return backoff;
    }
}
