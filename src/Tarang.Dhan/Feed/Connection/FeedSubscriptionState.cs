namespace Tarang.Dhan.Feed.Connection;

/// <summary>The upstream state of one (instrument, mode) pair.</summary>
public enum FeedSubscriptionState
{
    /// <summary>Not in the desired set.</summary>
    None,

    /// <summary>In the desired set, but the subscribe request has not been sent on the current socket.</summary>
    Pending,

    /// <summary>The subscribe request was sent on the socket that is open now.</summary>
    Subscribed,
}
