namespace Tarang.Dhan;

/// <summary>
/// Dhan endpoints and the house credentials, bound from the <c>Dhan</c> configuration section.
/// </summary>
public sealed class DhanOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Dhan";

    /// <summary>Dhan's live-feed WebSocket endpoint, without the query string.</summary>
    public const string DefaultFeedUrl = "wss://api-feed.dhan.co";

    /// <summary>Dhan's REST host; request paths start with <c>/v2</c>.</summary>
    public const string DefaultRestBaseUrl = "https://api.dhan.co";

    /// <summary>Default <see cref="TokenRenewalLead"/>: one hour before the token's expiry.</summary>
    public static readonly TimeSpan DefaultTokenRenewalLead = TimeSpan.FromHours(1);

    /// <summary>
    /// Base URL of the live feed (<c>ws</c> or <c>wss</c>, no query string). The feed appends
    /// <c>?version=2&amp;token=…&amp;clientId=…&amp;authType=2</c> at each connect.
    /// </summary>
    public Uri FeedUrl { get; set; } = new(DefaultFeedUrl);

    /// <summary>Base URL of Dhan's REST API, without <c>/v2</c>; token renewal calls <c>{RestBaseUrl}/v2/RenewToken</c>.</summary>
    public Uri RestBaseUrl { get; set; } = new(DefaultRestBaseUrl);

    /// <summary>The house account's Dhan client id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The house account's access token (a JWT). Never logged.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>How long before the token's JWT <c>exp</c> to renew it (TimeSpan text, default 01:00:00).</summary>
    public TimeSpan TokenRenewalLead { get; set; } = DefaultTokenRenewalLead;
}
