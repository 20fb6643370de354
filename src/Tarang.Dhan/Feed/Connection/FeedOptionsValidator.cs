using Microsoft.Extensions.Options;

namespace Tarang.Dhan.Feed.Connection;

/// <summary>Checks <see cref="FeedOptions"/> at start, naming the setting and the fix in each failure.</summary>
public sealed class FeedOptionsValidator : IValidateOptions<FeedOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.MaxConnections is < 1 or > FeedOptions.DhanMaxConnections)
        {
            failures.Add($"Feed:MaxConnections is {options.MaxConnections}; set it from 1 to {FeedOptions.DhanMaxConnections}, Dhan's limit per user.");
        }

        RequirePositive(failures, "Feed:SilentAfter", options.SilentAfter);
        RequirePositive(failures, "Feed:ReceiveSilenceThreshold", options.ReceiveSilenceThreshold);
        RequirePositive(failures, "Feed:KeepAliveInterval", options.KeepAliveInterval);
        RequirePositive(failures, "Feed:PongTimeout", options.PongTimeout);
        RequirePositive(failures, "Feed:ConnectTimeout", options.ConnectTimeout);
        RequirePositive(failures, "Feed:InitialBackoff", options.InitialBackoff);
        RequirePositive(failures, "Feed:TooManyConnectionsInitialBackoff", options.TooManyConnectionsInitialBackoff);
        RequirePositive(failures, "Feed:StableConnectionPeriod", options.StableConnectionPeriod);
        RequirePositive(failures, "Feed:DisconnectRequestTimeout", options.DisconnectRequestTimeout);

        if (options.SilentAfter > options.ReceiveSilenceThreshold)
        {
            failures.Add($"Feed:SilentAfter ({options.SilentAfter}) is longer than Feed:ReceiveSilenceThreshold ({options.ReceiveSilenceThreshold}); the socket would reconnect before it is reported silent.");
        }

        if (options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add($"Feed:MaxBackoff ({options.MaxBackoff}) is shorter than Feed:InitialBackoff ({options.InitialBackoff}).");
        }

        if (options.TooManyConnectionsMaxBackoff < options.TooManyConnectionsInitialBackoff)
        {
            failures.Add($"Feed:TooManyConnectionsMaxBackoff ({options.TooManyConnectionsMaxBackoff}) is shorter than Feed:TooManyConnectionsInitialBackoff ({options.TooManyConnectionsInitialBackoff}).");
        }

        if (options.ReceiveQueueCapacity < 1)
        {
            failures.Add($"Feed:ReceiveQueueCapacity is {options.ReceiveQueueCapacity}; set a positive number of messages.");
        }

        if (options.MaxMessageBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"Feed:MaxMessageBytes is {options.MaxMessageBytes}; set a number of bytes from 1024 to 67108864.");
        }

        if (options.ReceiveQueueMaxBytes < options.MaxMessageBytes)
        {
            failures.Add($"Feed:ReceiveQueueMaxBytes ({options.ReceiveQueueMaxBytes}) is smaller than Feed:MaxMessageBytes ({options.MaxMessageBytes}); set it to at least that, so one message fits.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} is {value}; set a positive TimeSpan such as 00:00:30.");
        }
    }
}
