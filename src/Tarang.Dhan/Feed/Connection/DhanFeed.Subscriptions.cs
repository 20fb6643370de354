using Tarang.Market.Instruments;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

public sealed partial class DhanFeed
{
    private static readonly FeedMode[] Modes = [FeedMode.Ticker, FeedMode.Quote, FeedMode.Full];

    /// <summary>Adds the instruments in one mode to the desired set. See <see cref="ChangeSubscriptions"/>.</summary>
    /// <exception cref="FeedCapacityExceededException">The pool has no room for them; nothing was added.</exception>
    public void Subscribe(IEnumerable<InstrumentKey> instruments, FeedMode mode)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ChangeSubscriptions(instruments.Select(i => new FeedSubscription(i, mode)), []);
    }

    /// <summary>Removes the instruments in one mode from the desired set.</summary>
    public void Unsubscribe(IEnumerable<InstrumentKey> instruments, FeedMode mode)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ChangeSubscriptions([], instruments.Select(i => new FeedSubscription(i, mode)));
    }

    /// <summary>
    /// Changes the desired set in one step. That set is the source of truth for every socket. A pair
    /// stays pending until its subscribe request has been sent on an open socket, and every
    /// (re)connect sends the socket's whole set again in batches of at most 100. Each socket
    /// sends its subscribes before its unsubscribes. A new mode of an instrument goes to the
    /// socket that already carries the instrument when it has room. So moving an instrument from
    /// full to ticker in one call subscribes ticker before it unsubscribes full, and no update is
    /// lost. Pairs already held are not requested again, and a pair in both lists stays held.
    /// </summary>
    /// <exception cref="FeedCapacityExceededException">
    /// The result would exceed 5,000 pairs per socket times <c>Feed:MaxConnections</c>; nothing changed.
    /// </exception>
    public void ChangeSubscriptions(IEnumerable<FeedSubscription> add, IEnumerable<FeedSubscription> remove)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        var adding = add.ToHashSet();
        var removing = remove.Where(r => !adding.Contains(r)).ToHashSet();
        foreach (var subscription in adding.Concat(removing))
        {
            if (!Enum.IsDefined(subscription.Mode))
            {
                throw new ArgumentOutOfRangeException(nameof(add), subscription.Mode, $"Subscription {subscription.Instrument} has no valid feed mode; use Ticker, Quote or Full.");
            }
        }

        lock (Sync)
        {
            adding.RemoveWhere(assignments.ContainsKey);
            removing.RemoveWhere(r => !assignments.ContainsKey(r));
            var capacity = connections.Length * FeedOptions.MaxSubscriptionsPerConnection;
            var held = assignments.Count - removing.Count;
            if (held + adding.Count > capacity)
            {
                Log.CapacityExceeded(logger, adding.Count, assignments.Count, capacity);
                throw new FeedCapacityExceededException(assignments.Count, adding.Count, connections.Length);
            }

            var touched = new HashSet<FeedConnection>();
            foreach (var subscription in removing)
            {
                var connection = assignments[subscription];
                assignments.Remove(subscription);
                connection.Desired.Remove(subscription);
                touched.Add(connection);
            }

            foreach (var subscription in adding)
            {
                var connection = ChooseConnection(subscription);
                assignments.Add(subscription, connection);
                connection.Desired.Add(subscription);
                touched.Add(connection);
            }

            foreach (var connection in touched)
            {
                connection.SignalSend();
                if (run is not null && !stopping && connection.HasDemand)
                {
                    connection.StartLoop(run);
                }
            }
        }

        ReportState();
    }

    /// <summary>
    /// Empties the desired set, for when demand has ended. Open sockets send the unsubscribes;
    /// a stopped feed keeps nothing to replay at its next start.
    /// </summary>
    public void UnsubscribeAll()
    {
        List<FeedSubscription> held;
        lock (Sync)
        {
            held = [.. assignments.Keys];
        }

        ChangeSubscriptions([], held);
    }

    /// <summary>Returns whether the pair is not wanted, pending, or subscribed on an open socket.</summary>
    public FeedSubscriptionState GetSubscriptionState(FeedSubscription subscription)
    {
        lock (Sync)
        {
            if (!assignments.TryGetValue(subscription, out var connection))
            {
                return FeedSubscriptionState.None;
            }

            return connection.Sent.Contains(subscription) ? FeedSubscriptionState.Subscribed : FeedSubscriptionState.Pending;
        }
    }

    private FeedConnection ChooseConnection(FeedSubscription subscription)
    {
        // Keep an instrument's modes on one socket, so that one socket's subscribe-before-unsubscribe
        // order covers a mode change.
        foreach (var mode in Modes)
        {
            if (assignments.TryGetValue(subscription with { Mode = mode }, out var sibling) && sibling.HasRoom)
            {
                return sibling;
            }
        }

        // Fill each socket before the next one opens. The caller checked the total capacity, so one has room.
        return connections.First(c => c.HasRoom);
    }
}
