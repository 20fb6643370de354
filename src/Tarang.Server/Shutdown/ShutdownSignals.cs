using System.Runtime.InteropServices;

namespace Tarang.Server.Shutdown;

/// <summary>
/// Listens for SIGTERM and SIGINT next to the host's console lifetime, which also stops the host on
/// them. The first signal is logged and starts the shutdown. A repeated signal is logged and
/// otherwise ignored: the shutdown goes on and <c>Server:ShutdownTimeout</c> bounds it, so a second
/// Ctrl+C cannot skip the feed's disconnect request or the database flush. SIGKILL ends the
/// process at once.
/// </summary>
internal sealed class ShutdownSignals(ShutdownCoordinator coordinator, IHostApplicationLifetime lifetime) : IDisposable
{
    private readonly List<PosixSignalRegistration> registrations = [];

    public void Register()
    {
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        registrations.Clear();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Cancel the default action (ending the process) for every signal, repeats included.
        context.Cancel = true;
        coordinator.OnSignal(context.Signal);
        lifetime.StopApplication();
    }
}
