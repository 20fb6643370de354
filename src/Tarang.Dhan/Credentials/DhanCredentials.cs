namespace Tarang.Dhan.Credentials;

/// <summary>
/// A Dhan client id and its access token. <see cref="ToString"/> hides the token so that a log
/// line or exception message built from this value cannot leak it.
/// </summary>
public sealed record DhanCredentials
{
    public DhanCredentials(string clientId, string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        ClientId = clientId;
        AccessToken = accessToken;
    }

    public string ClientId { get; }

    /// <summary>The access token (a JWT). Never log it.</summary>
    public string AccessToken { get; }

    public override string ToString() => $"DhanCredentials {{ ClientId = {ClientId}, AccessToken = *** }}";
}
