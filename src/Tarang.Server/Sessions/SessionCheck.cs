namespace Tarang.Server.Sessions;

/// <summary>Outcome of checking a bearer token.</summary>
public enum SessionCheck
{
    Active,
    Malformed,
    Unknown,
    Expired,
    Revoked,
}
