using Microsoft.EntityFrameworkCore;

namespace Tarang.Server.Storage;

/// <summary>Creates contexts of the configured provider's subclass as the shared base type.</summary>
internal sealed class TarangDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<TarangDbContext>
    where TContext : TarangDbContext
{
    public TarangDbContext CreateDbContext() => inner.CreateDbContext();
}
