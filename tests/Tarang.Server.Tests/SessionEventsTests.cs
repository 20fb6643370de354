using Microsoft.Extensions.Logging.Abstractions;
using Tarang.Server.Sessions;

namespace Tarang.Server.Tests;

public class SessionEventsTests
{
    [Fact]
    public void Ended_FailingHandlerDoesNotStopOthers()
    {
        var events = new SessionEvents(NullLogger<SessionEvents>.Instance);
        var received = new List<SessionEndReason>();
        events.Ended += (_, _) => throw new InvalidOperationException("handler failure");
        events.Ended += (_, e) => received.Add(e.Reason);

        events.RaiseEnded(new SessionEndedEventArgs(Guid.NewGuid(), Guid.NewGuid(), SessionEndReason.Admin, DateTimeOffset.UnixEpoch));

        Assert.Equal([SessionEndReason.Admin], received);
    }

    [Fact]
    public void Started_FailingHandlerDoesNotStopOthers()
    {
        var events = new SessionEvents(NullLogger<SessionEvents>.Instance);
        var received = 0;
        events.Started += (_, _) => throw new InvalidOperationException("handler failure");
        events.Started += (_, _) => received++;

        events.RaiseStarted(new SessionStartedEventArgs(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7)));

        Assert.Equal(1, received);
    }
}
