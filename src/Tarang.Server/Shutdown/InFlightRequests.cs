using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;

namespace Tarang.Server.Shutdown;

/// <summary>
/// The HTTP requests the server is handling now, WebSocket connections included, so the shutdown
/// summary can name what was still running. Only the method and path are kept, never the query
/// string, which may carry an <c>access_token</c>.
/// </summary>
public sealed class InFlightRequests
{
    /// <summary>The most requests one summary names; the rest are counted.</summary>
    public const int MaxNamedInSummary = 10;

    private const string WebSocketMark = " (WebSocket)";

    private readonly ConcurrentDictionary<long, (string Description, HttpContext Context)> requests = new();
    private long nextId;

    /// <summary>The number of requests in flight.</summary>
    public int Count => requests.Count;

    /// <summary>The number of WebSocket requests in flight: open WebSockets, hub connections among them.</summary>
    public int WebSocketCount => requests.Values.Count(request => request.Description.EndsWith(WebSocketMark, StringComparison.Ordinal));

    /// <summary>Records a request as started; pass the returned id to <see cref="Remove"/> when it ends.</summary>
    public long Add(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var kind = IsWebSocketRequest(context) ? WebSocketMark : string.Empty;
        var id = Interlocked.Increment(ref nextId);
        requests[id] = ($"{request.Method} {request.PathBase}{request.Path}{kind}", context);
        return id;
    }

    public void Remove(long id) => requests.TryRemove(id, out _);

    /// <summary>Aborts every request in flight; their connections are reset.</summary>
    public void AbortAll()
    {
        foreach (var (_, context) in requests.Values)
        {
            context.Abort();
        }
    }

    // context.WebSockets needs the WebSocket middleware, which SignalR adds inside its own endpoint
    // after this tracker has run. The server's features identify an upgrade (HTTP/1.1) or an
    // extended CONNECT (HTTP/2) from the start.
    private static bool IsWebSocketRequest(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    /// <summary>Describes the requests in flight, oldest first, naming at most <see cref="MaxNamedInSummary"/>.</summary>
    public string Describe()
    {
        var snapshot = requests.OrderBy(pair => pair.Key).Select(pair => pair.Value.Description).ToList();
        if (snapshot.Count == 0)
        {
            return "no HTTP requests";
        }

        var named = string.Join(", ", snapshot.Take(MaxNamedInSummary));
        var more = snapshot.Count > MaxNamedInSummary ? $" and {snapshot.Count - MaxNamedInSummary} more" : string.Empty;
        return $"{snapshot.Count} HTTP requests ({named}{more})";
    }
}
