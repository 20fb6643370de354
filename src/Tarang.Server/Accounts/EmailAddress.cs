using System.Net.Mail;

namespace Tarang.Server.Accounts;

/// <summary>Normalises and checks email addresses; accounts are keyed by the normalised form.</summary>
public static class EmailAddress
{
    /// <summary>Trims and lower-cases (invariant culture); provider-specific rewrites such as dropping dots are not applied.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Returns whether a normalised address has one <c>@</c>, a dotted domain and fits <see cref="UserRules.MaxEmailLength"/>.</summary>
    public static bool IsValid(string email)
    {
        if (email.Length is 0 or > UserRules.MaxEmailLength || email.Count(c => c == '@') != 1 || email.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        var domain = email[(at + 1)..];
        if (at == 0 || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal);
    }
}
