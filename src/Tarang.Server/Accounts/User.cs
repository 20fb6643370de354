namespace Tarang.Server.Accounts;

/// <summary>A registered user. <see cref="Email"/> is stored normalised (trimmed, lower-case).</summary>
public sealed class User
{
    public Guid Id { get; set; }

    public required string Email { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash, salt and parameters included.</summary>
    public required string PasswordHash { get; set; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    /// <summary>Registration instant, UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Set by <c>Accounts:AdminEmails</c> at start or by the <c>grant-admin</c> command.</summary>
    public bool IsAdmin { get; set; }
}
