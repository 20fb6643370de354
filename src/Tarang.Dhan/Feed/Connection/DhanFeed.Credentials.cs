using Tarang.Dhan.Credentials;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

public sealed partial class DhanFeed
{
    /// <summary>
    /// Returns the credentials for the next connect of <paramref name="connection"/>, waiting while
    /// the feed is halted for the credentials that are still current.
    /// </summary>
    internal async Task<DhanCredentials> WaitForUsableCredentialsAsync(FeedConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (Sync)
            {
                var current = Credentials.Current;
                if (halt is null)
                {
                    return current;
                }

                if (halt.Credentials != current)
                {
                    halt = null;
                    return current;
                }

                connection.SetWaitingForCredentials(halt.State);
                changed = credentialsChanged.Task;
            }

            ReportState();
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Halts every socket until the credentials change, unless they already have.</summary>
    /// <returns>True when the feed halted; false when newer credentials are there to try at once.</returns>
    internal bool Halt(FeedState state, DhanCredentials rejected, FeedDisconnect cause)
    {
        lock (Sync)
        {
            if (rejected != Credentials.Current)
            {
                return false;
            }

            halt ??= new FeedHalt(state, rejected, cause);
        }

        if (state == FeedState.TokenExpired)
        {
            Log.TokenExpired(logger, rejected.ClientId);
        }
        else
        {
            Log.CredentialsRejected(logger, rejected.ClientId, cause.ToString());
        }

        ReportState();
        return true;
    }

    private void OnCredentialsReplaced(object? sender, DhanCredentials credentials)
    {
        TaskCompletionSource changed;
        FeedHalt? resumed;
        lock (Sync)
        {
            resumed = halt;
            halt = null;
            changed = credentialsChanged;
            credentialsChanged = NewSignal();
            if (resumed is not null)
            {
                foreach (var connection in connections)
                {
                    connection.ResetBackoff();
                }
            }
        }

        if (resumed is not null)
        {
            Log.ResumingWithNewCredentials(logger, resumed.State, credentials.ClientId);
        }

        changed.TrySetResult();
        ReportState();
    }
}
