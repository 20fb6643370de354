namespace Tarang.Server.Accounts;

/// <summary>Length limits of user fields, shared by the model and the input checks.</summary>
public static class UserRules
{
    /// <summary>RFC 5321 caps a forward path at 256 octets, so an address is at most 254 characters.</summary>
    public const int MaxEmailLength = 254;

    public const int MaxNameLength = 100;
}
