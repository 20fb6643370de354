using Microsoft.Extensions.Options;

namespace Tarang.Dhan;

/// <summary>
/// Checks <see cref="DhanOptions"/> at start. Messages name the setting but never echo the access
/// token or a URL's query string.
/// </summary>
public sealed class DhanOptionsValidator : IValidateOptions<DhanOptions>
{
    public ValidateOptionsResult Validate(string? name, DhanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.FeedUrl is not { IsAbsoluteUri: true } feedUrl || (feedUrl.Scheme != "ws" && feedUrl.Scheme != "wss"))
        {
            failures.Add("Dhan:FeedUrl must be an absolute ws:// or wss:// URL such as wss://api-feed.dhan.co.");
        }
        else if (!string.IsNullOrEmpty(feedUrl.Query) || !string.IsNullOrEmpty(feedUrl.Fragment))
        {
            failures.Add("Dhan:FeedUrl must have no query string or fragment; the feed appends the version, token and client id itself.");
        }

        if (options.RestBaseUrl is not { IsAbsoluteUri: true } restUrl || (restUrl.Scheme != "http" && restUrl.Scheme != "https"))
        {
            failures.Add("Dhan:RestBaseUrl must be an absolute http:// or https:// URL such as https://api.dhan.co.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Dhan:ClientId is missing; set the house account's Dhan client id.");
        }

        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            failures.Add("Dhan:AccessToken is missing; set the house account's access token.");
        }

        if (options.TokenRenewalLead < TimeSpan.Zero)
        {
            failures.Add($"Dhan:TokenRenewalLead is {options.TokenRenewalLead}; set zero or a positive TimeSpan such as 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
