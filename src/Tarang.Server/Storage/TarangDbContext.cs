using Microsoft.EntityFrameworkCore;
using Tarang.Market.Instruments;
using Tarang.Server.Accounts;
using Tarang.Server.Sessions;
using Tarang.Server.Watchlists;

namespace Tarang.Server.Storage;

/// <summary>
/// The one model of users, sessions, audit records and watchlists. Each provider has a subclass
/// (<see cref="SqliteTarangDbContext"/>, <see cref="PostgresTarangDbContext"/>) so each keeps its
/// own migration set; services take this base type.
/// </summary>
public abstract class TarangDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<WatchlistItem> WatchlistItems => Set<WatchlistItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Email).HasMaxLength(UserRules.MaxEmailLength);
            user.HasIndex(u => u.Email).IsUnique();
            user.Property(u => u.PasswordHash).HasMaxLength(512);
            user.Property(u => u.FirstName).HasMaxLength(UserRules.MaxNameLength);
            user.Property(u => u.LastName).HasMaxLength(UserRules.MaxNameLength);
        });

        modelBuilder.Entity<Session>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.TokenHash).HasMaxLength(32);
            session.HasIndex(s => s.TokenHash).IsUnique();
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt);
            session.HasIndex(s => new { s.RevokedAt, s.LastActivityAt });
            session.Property(s => s.RevokedReason).HasConversion<string>().HasMaxLength(32);
            session.Property(s => s.IpAddress).HasMaxLength(64);
            session.Property(s => s.UserAgent).HasMaxLength(512);
            session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.HasKey(a => a.Id);
            entry.Property(a => a.Kind).HasMaxLength(32);
            entry.Property(a => a.IpAddress).HasMaxLength(64);
            entry.Property(a => a.Detail).HasMaxLength(512);
            entry.HasIndex(a => a.At);
            entry.HasIndex(a => a.UserId);
        });

        modelBuilder.Entity<WatchlistItem>(item =>
        {
            item.ToTable("watchlist_items");
            item.HasKey(w => w.Id);
            item.Ignore(w => w.Key);

            // Dhan's segment name (NSE_EQ), so the rows read plainly in either database.
            item.Property(w => w.Segment)
                .HasConversion(segment => ExchangeSegments.ToDhanName(segment), name => WatchlistSegments.Parse(name))
                .HasMaxLength(16);
            item.Property(w => w.Symbol).HasMaxLength(WatchlistItem.MaxSymbolLength);
            item.HasIndex(w => new { w.UserId, w.Segment, w.SecurityId }).IsUnique();
            item.HasIndex(w => new { w.UserId, w.CreatedAt });
            item.HasOne<User>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
