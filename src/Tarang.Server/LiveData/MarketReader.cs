using Microsoft.Extensions.Options;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Services;

namespace Tarang.Server.LiveData;

/// <summary>
/// Reads market state for the REST routes: the default universe as configured, or instruments a
/// request names, which are held for the session and given a bounded wait for their first quote.
/// Only the instruments asked for are read, so nothing shows what other sessions hold.
/// </summary>
public sealed class MarketReader(
    MarketState marketState,
    LatestValues latestValues,
    MarketReferenceData referenceData,
    RestHoldings holdings,
    FirstQuoteSignal firstQuote,
    IOptions<FeedSupervisorOptions> feedOptions,
    IOptions<MarketApiOptions> apiOptions,
    TimeProvider wallClock)
{
    private readonly Lock sync = new();
    private (InstrumentCatalog Catalog, IReadOnlyList<Instrument> Instruments)? universe;

    /// <summary>The default universe (<c>Feed:DefaultUniverse</c>) resolved in the current master, in configured order.</summary>
    public IReadOnlyList<Instrument> Universe()
    {
        var catalog = referenceData.Catalog;
        lock (sync)
        {
            if (universe is { } cached && ReferenceEquals(cached.Catalog, catalog))
            {
                return cached.Instruments;
            }
        }

        var entries = feedOptions.Value.DefaultUniverse ?? [.. FeedSupervisorOptions.StandardUniverse];
        var keys = DefaultUniverse.Resolve(catalog, entries, out _);
        var instruments = new List<Instrument>(keys.Count);
        foreach (var key in keys)
        {
            if (catalog.TryGet(key, out var instrument))
            {
                instruments.Add(instrument);
            }
        }

        lock (sync)
        {
            universe = (catalog, instruments);
        }

        return instruments;
    }

    /// <summary>
    /// Reads the default universe without adding holdings, because the supervisor keeps it
    /// subscribed while any session is active. When none of it has a quote yet, as right after the
    /// first login, waits up to <c>MarketApi:FirstDataWait</c> for the first one.
    /// </summary>
    public async Task<MarketRead> ReadUniverseAsync(CancellationToken cancellationToken)
    {
        var instruments = Universe();
        if (instruments.Count > 0 && !instruments.Any(HasQuote))
        {
            await WaitForFirstQuoteAsync(instruments, waitForAll: false, cancellationToken).ConfigureAwait(false);
        }

        return Read(instruments);
    }

    /// <summary>
    /// Holds the instruments for the session (see <see cref="RestHoldings"/>), waits up to
    /// <c>MarketApi:FirstDataWait</c> for the first quote of those it did not hold before, and reads them.
    /// </summary>
    /// <exception cref="UnknownInstrumentsException">An instrument is not in the master.</exception>
    /// <exception cref="Dhan.Feed.Connection.FeedCapacityExceededException">The feed has no room for them.</exception>
    public async Task<MarketRead> ReadHeldAsync(Guid sessionId, IReadOnlyList<Instrument> instruments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var added = holdings.Hold(sessionId, [.. instruments.Select(i => i.Key)]).ToHashSet();
        var waitFor = instruments.Where(i => added.Contains(i.Key) && !HasQuote(i)).ToList();
        if (waitFor.Count > 0)
        {
            await WaitForFirstQuoteAsync(waitFor, waitForAll: true, cancellationToken).ConfigureAwait(false);
        }

        return Read(instruments);
    }

    private MarketRead Read(IReadOnlyList<Instrument> instruments)
    {
        var conditions = marketState.Conditions();
        var items = new List<(Instrument, MarketSnapshot?)>(instruments.Count);
        foreach (var instrument in instruments)
        {
            var snapshot = latestValues.TryGet(instrument.Key, out var value) ? MarketState.ToSnapshot(instrument, value, conditions) : null;
            items.Add((instrument, snapshot));
        }

        return new MarketRead(items, conditions);
    }

    private bool HasQuote(Instrument instrument) =>
        latestValues.TryGet(instrument.Key, out var value) && FirstQuoteSignal.HasQuote(value.Values);

    private async Task WaitForFirstQuoteAsync(IReadOnlyList<Instrument> instruments, bool waitForAll, CancellationToken cancellationToken)
    {
        // Only a feed that is up or on its way up can deliver within the wait. Waiting while it
        // backs off or its credential is rejected would only delay every reply.
        var wait = apiOptions.Value.FirstDataWait;
        if (wait <= TimeSpan.Zero || marketState.FeedState is not (FeedState.Idle or FeedState.Connecting or FeedState.Live))
        {
            return;
        }

        var registrations = instruments.Select(i => firstQuote.Register(i.Key)).ToList();
        try
        {
            // A quote that arrived between the caller's check and the registration counts as arrived.
            var pending = registrations
                .Where((_, index) => !HasQuote(instruments[index]))
                .Select(r => r.Arrived)
                .ToList();
            if (pending.Count == 0 || (!waitForAll && pending.Count < registrations.Count))
            {
                return;
            }

            var arrived = waitForAll ? Task.WhenAll(pending) : Task.WhenAny(pending);
            await arrived.WaitAsync(wait, wallClock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The reply marks the instruments without data, and they stay held for the next request.
        }
        finally
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
