using Microsoft.Extensions.Options;

namespace Tarang.Server.Operations;

/// <summary>Turns a failed start caused by configuration into one line that names the setting.</summary>
public static class StartupFailure
{
    /// <summary>
    /// Returns the message to print when <paramref name="exception"/> comes from a bad setting or an
    /// unusable file, or null when it is a bug whose stack trace should stay. Several failed
    /// options validations (an <see cref="AggregateException"/>) are joined into one line.
    /// </summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException aggregate)
        {
            var messages = aggregate.InnerExceptions.Select(Describe).ToList();
            return messages.Count > 0 && messages.All(message => message is not null) ? string.Join(" ", messages) : null;
        }

        if (exception is OptionsValidationException or ArgumentException or InvalidDataException or IOException)
        {
            return exception.Message;
        }

        // The configuration binder's own failure, such as "Failed to convert configuration value 'x'
        // at 'Feed:MaxConnections' to type 'System.Int32'.", wraps the converter's exception.
        // NOTE: recognised by the binder's English message, as of .NET 10.
        if (exception is InvalidOperationException { InnerException: FormatException or ArgumentException or InvalidCastException or OverflowException }
            && exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            return exception.Message + " Set a value of that type.";
        }

        return exception is InvalidOperationException && exception.InnerException is null ? exception.Message : null;
    }
}
