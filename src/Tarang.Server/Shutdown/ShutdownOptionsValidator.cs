using Microsoft.Extensions.Options;

namespace Tarang.Server.Shutdown;

/// <summary>Checks the <c>Server</c> shutdown settings at start.</summary>
public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > ShutdownOptions.MaxShutdownTimeout)
        {
            failures.Add($"Server:ShutdownTimeout must be above 00:00:00 and at most {ShutdownOptions.MaxShutdownTimeout}, not {options.ShutdownTimeout}; the default is {ShutdownOptions.DefaultShutdownTimeout}.");
        }

        if (options.ShutdownDrainDelay < TimeSpan.Zero || options.ShutdownDrainDelay >= options.ShutdownTimeout)
        {
            failures.Add($"Server:ShutdownDrainDelay must be zero or positive and shorter than Server:ShutdownTimeout ({options.ShutdownTimeout}), not {options.ShutdownDrainDelay}.");
        }

        if (options.ShutdownRetryAfter < TimeSpan.FromSeconds(1) || options.ShutdownRetryAfter > TimeSpan.FromHours(1))
        {
            failures.Add($"Server:ShutdownRetryAfter must be between 00:00:01 and 01:00:00, not {options.ShutdownRetryAfter}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
