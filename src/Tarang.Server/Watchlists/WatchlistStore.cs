using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Tarang.Market.Instruments;
using Tarang.Server.Storage;

namespace Tarang.Server.Watchlists;

/// <summary>What happened to a request to add an item.</summary>
public enum WatchlistAddOutcome
{
    Added,
    AlreadyPresent,
    LimitReached,
}

/// <summary>Reads and changes users' watchlists in the database; every method is scoped to one user.</summary>
public sealed class WatchlistStore(
    IDbContextFactory<TarangDbContext> contexts,
    TimeProvider timeProvider,
    IOptions<WatchlistOptions> options)
{
    /// <summary>The user's items, newest first.</summary>
    public async Task<IReadOnlyList<WatchlistItem>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.WatchlistItems.AsNoTracking()
            .Where(w => w.UserId == userId)
            .OrderByDescending(w => w.CreatedAt)
            .ThenBy(w => w.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Adds the instrument to the user's list. The limit is checked before the insert and counted
    /// again after it: when concurrent adds took the list over <c>Watchlist:MaxItems</c>, each
    /// add that counts more than the limit removes its own row. The list never stays over the limit, but two
    /// adds racing for the last place may both be rejected.
    /// </summary>
    public async Task<(WatchlistAddOutcome Outcome, WatchlistItem? Item)> AddAsync(Guid userId, Instrument instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var maxItems = options.Value.MaxItems;
        var segment = instrument.Key.Segment;
        long securityId = instrument.Key.SecurityId;

        await using (var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var existing = await context.WatchlistItems.AsNoTracking()
                .SingleOrDefaultAsync(w => w.UserId == userId && w.Segment == segment && w.SecurityId == securityId, cancellationToken)
                .ConfigureAwait(false);
            if (existing is not null)
            {
                return (WatchlistAddOutcome.AlreadyPresent, existing);
            }

            if (await CountAsync(context, userId, cancellationToken).ConfigureAwait(false) >= maxItems)
            {
                return (WatchlistAddOutcome.LimitReached, null);
            }
        }

        var item = new WatchlistItem
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Segment = segment,
            SecurityId = securityId,
            Symbol = instrument.Symbol.Length <= WatchlistItem.MaxSymbolLength ? instrument.Symbol : instrument.Symbol[..WatchlistItem.MaxSymbolLength],
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        if (!await TryInsertAsync(item, cancellationToken).ConfigureAwait(false))
        {
            return (WatchlistAddOutcome.AlreadyPresent, null);
        }

        await using (var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await CountAsync(context, userId, cancellationToken).ConfigureAwait(false) > maxItems)
            {
                await context.WatchlistItems.Where(w => w.Id == item.Id).ExecuteDeleteAsync(CancellationToken.None).ConfigureAwait(false);
                return (WatchlistAddOutcome.LimitReached, null);
            }
        }

        return (WatchlistAddOutcome.Added, item);
    }

    /// <summary>Deletes one item of the user; returns false when the user has no item with that id.</summary>
    public async Task<bool> RemoveAsync(Guid userId, Guid itemId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await context.WatchlistItems
            .Where(w => w.UserId == userId && w.Id == itemId)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        return deleted > 0;
    }

    /// <summary>
    /// Inserts the item; returns false when the unique index on (user, segment, security id)
    /// rejects it, because a concurrent request added the same instrument first.
    /// </summary>
    internal async Task<bool> TryInsertAsync(WatchlistItem item, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.WatchlistItems.Add(item);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return false;
        }
    }

    private static Task<int> CountAsync(TarangDbContext context, Guid userId, CancellationToken cancellationToken) =>
        context.WatchlistItems.CountAsync(w => w.UserId == userId, cancellationToken);

    // SQLITE_CONSTRAINT_UNIQUE is extended code 2067; PostgreSQL reports SQLSTATE 23505.
    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
