using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Tarang.Server.Sessions;

/// <summary>Makes opaque session tokens and the hashes stored in their place.</summary>
public static class SessionTokens
{
    /// <summary>256 random bits, which encode to 43 base64url characters.</summary>
    public const int TokenBytes = 32;

    public const int TokenLength = 43;

    public static string Create() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Returns whether <paramref name="token"/> has the shape <see cref="Create"/> produces; the check avoids hashing junk.</summary>
    public static bool IsWellFormed(string token)
    {
        if (token.Length != TokenLength)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
