namespace Tarang.Dhan.Feed.Connection;

/// <summary>
/// An item of the decode queue: a complete message in a pooled buffer that the consumer returns
/// to the pool, or a marker that completes <see cref="Drained"/> once every earlier message of the
/// queue has been decoded.
/// </summary>
internal readonly record struct FeedMessage(FeedConnection? Connection, byte[]? Buffer, int Length, TaskCompletionSource? Drained);
