using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tarang.Simulator;

/// <summary>
/// The owner's logger factory without the hosting lifetime's lines. An embedded simulator's
/// "Now listening on" line would otherwise read as the server's own address. The simulator logs
/// its URLs itself.
/// </summary>
internal sealed class SimulatorLoggerFactory(ILoggerFactory owner) : ILoggerFactory
{
    private const string LifetimeCategory = "Microsoft.Hosting.Lifetime";

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith(LifetimeCategory, StringComparison.Ordinal) ? NullLogger.Instance : owner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => owner.AddProvider(provider);

    /// <summary>Leaves the owner's factory alone: its owner disposes it.</summary>
    public void Dispose()
    {
    }
}
