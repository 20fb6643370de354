using System.Buffers;
using System.Net.WebSockets;
using Tarang.Market.MarketData;

namespace Tarang.Dhan.Feed.Connection;

internal sealed partial class FeedConnection
{
    /// <summary>A full packet is 162 bytes; most messages fit the first buffer with room to spare.</summary>
    private const int InitialReceiveBufferBytes = 4 * 1024;

    /// <summary>
    /// Receives and reassembles messages and queues each complete binary message for the consumer.
    /// A message longer than <see cref="FeedOptions.MaxMessageBytes"/> over all its frames closes
    /// the socket, so neither one huge frame nor endless continuation frames grow the buffer.
    /// It does nothing else, so it is always ready to read the next frame: ClientWebSocket replies to
    /// the server's pings, and reads the pongs to its own, only while a receive is pending.
    /// </summary>
    /// <returns>Why the socket stopped. Socket errors are returned, not thrown.</returns>
    private async Task<FeedDisconnect> ReceiveLoopAsync(FeedRun run, FeedSession open)
    {
        feed.Counters.ReceiveLoopStarted();
        var socket = open.Socket;
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferBytes);
        var count = 0;
        var droppingSince = false;
        var maxMessageBytes = feed.Options.MaxMessageBytes;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    buffer = Grow(buffer, count);
                }

                // Reading one byte past the limit is enough to know the message is too large.
                var room = Math.Min(buffer.Length, maxMessageBytes + 1) - count;
                var result = await socket.ReceiveAsync(buffer.AsMemory(count, room), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var detail = $"close status {socket.CloseStatus?.ToString() ?? "none"}";
                    return new FeedDisconnect(FeedDisconnectKind.ServerClosed, WallClock.GetUtcNow()) { Detail = detail };
                }

                count += result.Count;
                if (count > maxMessageBytes)
                {
                    DhanFeed.Log.MessageTooLarge(feed.Logger, Index, maxMessageBytes);
                    return new FeedDisconnect(FeedDisconnectKind.ConnectionLost, WallClock.GetUtcNow()) { Detail = "message too large" };
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                open.LastReceivedAt = WallClock.GetTimestamp();
                if (open.IsSilent)
                {
                    MarkReceiving(open);
                }

                // Dhan sends binary frames only; a text message carries nothing the decoder reads.
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    if (feed.TryQueue(run, new FeedMessage(this, buffer, count, null)))
                    {
                        buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferBytes);
                        droppingSince = false;
                    }
                    else
                    {
                        // NOTE: a dropped disconnect packet loses Dhan's reason, so that drop is
                        // handled as an unknown one (ordinary backoff) when the socket closes.
                        feed.Counters.MessageDropped();
                        if (!droppingSince)
                        {
                            DhanFeed.Log.QueueFull(feed.Logger, Index, feed.Options.ReceiveQueueCapacity, feed.Options.ReceiveQueueMaxBytes);
                            droppingSince = true;
                        }
                    }
                }

                count = 0;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Abort from the session or the watchdog, a reset, or a missed pong (keep-alive timeout).
            return new FeedDisconnect(FeedDisconnectKind.ConnectionLost, WallClock.GetUtcNow()) { Detail = exception.GetType().Name + ": " + exception.Message };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            feed.Counters.ReceiveLoopEnded();
        }
    }

    private static byte[] Grow(byte[] buffer, int count)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, count).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private void MarkReceiving(FeedSession open)
    {
        lock (feed.Sync)
        {
            if (!open.IsSilent)
            {
                return;
            }

            open.IsSilent = false;
            if (session == open)
            {
                state = FeedState.Live;
            }
        }

        feed.ReportState();
    }
}
