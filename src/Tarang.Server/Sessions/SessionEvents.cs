namespace Tarang.Server.Sessions;

/// <summary>
/// In-process notifications when a session becomes active or ends, for components whose state
/// follows logged-in users (the feed supervisor). Each event is raised once per session and
/// process: <see cref="Started"/> at login or registration, <see cref="Ended"/> at logout,
/// revocation (inactivity, admin, logout everywhere, password change) or, from the session
/// monitor, absolute expiry. Handlers run on the caller's thread and must return quickly; an
/// exception from a handler is logged and does not reach the request.
/// </summary>
public sealed partial class SessionEvents(ILogger<SessionEvents> logger)
{
    public event EventHandler<SessionStartedEventArgs>? Started;

    public event EventHandler<SessionEndedEventArgs>? Ended;

    internal void RaiseStarted(SessionStartedEventArgs args)
    {
        foreach (var handler in Started?.GetInvocationList() ?? [])
        {
            try
            {
                ((EventHandler<SessionStartedEventArgs>)handler)(this, args);
            }
            catch (Exception exception)
            {
                Log.HandlerFailed(logger, exception, nameof(Started), args.SessionId);
            }
        }
    }

    internal void RaiseEnded(SessionEndedEventArgs args)
    {
        foreach (var handler in Ended?.GetInvocationList() ?? [])
        {
            try
            {
                ((EventHandler<SessionEndedEventArgs>)handler)(this, args);
            }
            catch (Exception exception)
            {
                Log.HandlerFailed(logger, exception, nameof(Ended), args.SessionId);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Error, "A handler of the session {EventName} event failed for session {SessionId}; the other handlers still ran.")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string eventName, Guid sessionId);
    }
}
