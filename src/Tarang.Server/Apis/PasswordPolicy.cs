using Microsoft.AspNetCore.Http.HttpResults;
using Tarang.Server.Accounts;

namespace Tarang.Server.Apis;

/// <summary>Checks a new password against <see cref="AccountOptions"/>; returns a ProblemDetails for the first rule it breaks.</summary>
internal static class PasswordPolicy
{
    public static ProblemHttpResult? Check(string field, string? password, string email, AccountOptions options)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Problems.BadRequest(field, $"{field} is missing; send a password of {options.MinPasswordLength} to {options.MaxPasswordLength} characters.");
        }

        if (password.Length < options.MinPasswordLength || password.Length > options.MaxPasswordLength)
        {
            return Problems.BadRequest(field, $"{field} has {password.Length} characters; use {options.MinPasswordLength} to {options.MaxPasswordLength}.");
        }

        if (string.IsNullOrWhiteSpace(password) || password.Distinct().Count() < 4)
        {
            return Problems.BadRequest(field, $"{field} has fewer than 4 different characters; choose a less repetitive password.");
        }

        return password.Contains(email, StringComparison.OrdinalIgnoreCase) || email.StartsWith(password.ToLowerInvariant() + "@", StringComparison.Ordinal)
            ? Problems.BadRequest(field, $"{field} contains the email address; choose a password unrelated to it.")
            : null;
    }
}
