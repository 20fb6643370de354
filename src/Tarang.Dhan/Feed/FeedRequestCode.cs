namespace Tarang.Dhan.Feed;

/// <summary>The <c>RequestCode</c> of a JSON request sent to the live feed (Dhan API v2 annexure).</summary>
public enum FeedRequestCode
{
    Disconnect = 12,
    SubscribeTicker = 15,
    UnsubscribeTicker = 16,
    SubscribeQuote = 17,
    UnsubscribeQuote = 18,
    SubscribeFull = 21,
    UnsubscribeFull = 22,
}
