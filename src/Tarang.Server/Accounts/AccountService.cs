using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tarang.Server.Storage;

namespace Tarang.Server.Accounts;

/// <summary>Stores users and checks their passwords with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public sealed partial class AccountService(
    IDbContextFactory<TarangDbContext> contexts,
    IPasswordHasher<User> hasher,
    TimeProvider timeProvider,
    IOptions<AccountOptions> options,
    ILogger<AccountService> logger)
{
    // Verified against when the email is unknown, so that a failed login takes as long either way.
    private readonly Lazy<string> decoyHash = new(() => hasher.HashPassword(DecoyUser, "decoy password, never a real one"));

    private static readonly User DecoyUser = new() { Email = "", PasswordHash = "", FirstName = "", LastName = "" };

    /// <summary>Creates a user; returns null when the email is taken, including by a concurrent registration.</summary>
    public async Task<User?> RegisterAsync(string email, string password, string firstName, string lastName, CancellationToken cancellationToken)
    {
        var user = new User
        {
            Id = Guid.NewGuid(),
            Email = email,
            PasswordHash = "",
            FirstName = firstName,
            LastName = lastName,
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
            IsAdmin = IsConfiguredAdmin(email),
        };
        user.PasswordHash = hasher.HashPassword(user, password);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await context.Users.AnyAsync(u => u.Email == email, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        context.Users.Add(user);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another registration of the same email may have won the race to the unique index.
            if (await EmailExistsAsync(email, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            throw;
        }

        Log.Registered(logger, user.Id);
        return user;
    }

    /// <summary>Returns the user when the password matches, or null; unknown emails cost the same hashing work.</summary>
    public async Task<User?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var user = await context.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            hasher.VerifyHashedPassword(DecoyUser, decoyHash.Value, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    public async Task<User?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the password when <paramref name="currentPassword"/> matches; returns false otherwise.</summary>
    public async Task<bool> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var user = await context.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return false;
        }

        user.PasswordHash = hasher.HashPassword(user, newPassword);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Grants the admin role; returns the user, or null when no user has that email.</summary>
    public async Task<User?> GrantAdminAsync(string email, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var user = await context.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        if (!user.IsAdmin)
        {
            user.IsAdmin = true;
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Log.AdminGranted(logger, user.Id);
        }

        return user;
    }

    public bool IsConfiguredAdmin(string email) =>
        options.Value.AdminEmails.Any(admin => string.Equals(EmailAddress.Normalize(admin), email, StringComparison.Ordinal));

    private async Task<bool> EmailExistsAsync(string email, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Users.AnyAsync(u => u.Email == email, cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(2101, LogLevel.Information, "User {UserId} registered.")]
        public static partial void Registered(ILogger logger, Guid userId);

        [LoggerMessage(2102, LogLevel.Information, "User {UserId} was granted the admin role.")]
        public static partial void AdminGranted(ILogger logger, Guid userId);
    }
}
