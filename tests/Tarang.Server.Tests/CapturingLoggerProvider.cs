using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tarang.Server.Tests;

/// <summary>
/// Keeps the server's log entries at or above a minimum level (default Information) in memory,
/// with their category, event id and formatted message.
/// </summary>
internal sealed class CapturingLoggerProvider(LogLevel minimumLevel = LogLevel.Information) : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId EventId, string Message)> entries = new();

    public IReadOnlyList<(string Category, EventId EventId, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries, minimumLevel);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(string, EventId, string)> entries, LogLevel minimumLevel) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((category, eventId, formatter(state, exception)));
            }
        }
    }
}
