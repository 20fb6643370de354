using Microsoft.EntityFrameworkCore;
using Tarang.Server.Storage;

namespace Tarang.Server.Accounts;

/// <summary>Writes audit entries: logins, failed logins, logouts, revocations and admin actions.</summary>
public sealed class AuditLog(IDbContextFactory<TarangDbContext> contexts, TimeProvider timeProvider)
{
    public async Task WriteAsync(
        string kind,
        Guid? userId,
        string? ipAddress,
        CancellationToken cancellationToken,
        Guid? sessionId = null,
        Guid? actorUserId = null,
        string? detail = null)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.AuditEntries.Add(new AuditEntry
        {
            At = timeProvider.GetUtcNow().UtcDateTime,
            Kind = kind,
            UserId = userId,
            ActorUserId = actorUserId,
            SessionId = sessionId,
            IpAddress = ipAddress,
            Detail = detail is { Length: > 512 } ? detail[..512] : detail,
        });
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes entries written before <paramref name="before"/> (UTC); returns how many were deleted.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTime before, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.AuditEntries.Where(a => a.At < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the newest entries first, optionally of one user (as subject or actor).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Guid? userId, int limit, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = context.AuditEntries.AsNoTracking();
        if (userId is { } id)
        {
            query = query.Where(a => a.UserId == id || a.ActorUserId == id);
        }

        return await query.OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
