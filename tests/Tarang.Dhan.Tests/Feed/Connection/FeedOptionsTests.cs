using Microsoft.Extensions.Options;
using Tarang.Dhan.Feed.Connection;

namespace Tarang.Dhan.Tests.Feed.Connection;

public sealed class FeedOptionsTests
{
    [Theory]
    [InlineData("Feed:MaxConnections", "6", "Feed:MaxConnections is 6")]
    [InlineData("Feed:MaxConnections", "0", "Feed:MaxConnections is 0")]
    [InlineData("Feed:InitialBackoff", "00:00:00", "Feed:InitialBackoff")]
    [InlineData("Feed:SilentAfter", "00:05:00", "Feed:SilentAfter")]
    [InlineData("Feed:MaxMessageBytes", "100", "Feed:MaxMessageBytes is 100")]
    [InlineData("Feed:ReceiveQueueMaxBytes", "2048", "Feed:ReceiveQueueMaxBytes (2048) is smaller than Feed:MaxMessageBytes")]
    [InlineData("Dhan:AccessToken", "", "Dhan:AccessToken is missing")]
    [InlineData("Dhan:FeedUrl", "wss://api-feed.dhan.co/?token=abc", "Dhan:FeedUrl must have no query string")]
    [InlineData("Dhan:FeedUrl", "https://api-feed.dhan.co", "Dhan:FeedUrl must be an absolute ws://")]
    public void Start_RejectsInvalidSetting(string key, string value, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => FeedHarness.Create(new Uri("ws://127.0.0.1:9/feed"), settings => settings[key] = value));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_BindsTimeSpanText()
    {
        await using var harness = FeedHarness.Create(new Uri("ws://127.0.0.1:9/feed"), settings =>
        {
            settings["Feed:ReceiveSilenceThreshold"] = "00:02:00";
            settings["Feed:MaxConnections"] = "3";
        });

        var options = harness.Services.GetService(typeof(IOptions<FeedOptions>)) as IOptions<FeedOptions>;

        Assert.Equal(TimeSpan.FromMinutes(2), options!.Value.ReceiveSilenceThreshold);
        Assert.Equal(3, harness.Feed.GetStatus().Connections.Count);
    }
}
