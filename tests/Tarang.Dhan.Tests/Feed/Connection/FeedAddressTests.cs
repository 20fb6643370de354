using Tarang.Dhan.Credentials;
using Tarang.Dhan.Feed.Connection;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedAddressTests
{
    private static readonly DhanCredentials Credentials = new("1100012345", "eyJ0b2tlbi93aXRoK3NsYXNoIn0.e30.sig+/=");

    [Fact]
    public void Build_EscapesTokenInQuery()
    {
        var url = FeedAddress.Build(new Uri("wss://api-feed.dhan.co"), Credentials);

        Assert.Equal("wss://api-feed.dhan.co/?version=2&token=eyJ0b2tlbi93aXRoK3NsYXNoIn0.e30.sig%2B%2F%3D&clientId=1100012345&authType=2", url.AbsoluteUri);
    }

    [Fact]
    public void Redact_KeepsSchemeHostPortAndPath()
    {
        var url = FeedAddress.Build(new Uri("ws://127.0.0.1:5001/feed"), Credentials);

        Assert.Equal("ws://127.0.0.1:5001/feed", FeedAddress.Redact(url));
    }

    [Fact]
    public void RedactMessage_RemovesQueryAndToken()
    {
        var url = FeedAddress.Build(new Uri("wss://api-feed.dhan.co"), Credentials);
        var message = $"Failed to connect to {url} ({url.Query}); token {Credentials.AccessToken} or {Uri.EscapeDataString(Credentials.AccessToken)}.";

        var redacted = FeedAddress.RedactMessage(message, url, Credentials);

        Assert.DoesNotContain("eyJ0b2tlbi93aXRoK3NsYXNoIn0", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("version=2", redacted, StringComparison.Ordinal);
        Assert.Contains("api-feed.dhan.co", redacted, StringComparison.Ordinal);
    }
}
