using Microsoft.Extensions.Options;

namespace Tarang.Server.Push;

internal sealed class PushOptionsValidator : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options)
    {
        var failures = new List<string>();
        if (options.StalledClientTimeout < TimeSpan.FromSeconds(1) || options.StalledClientTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Push:StalledClientTimeout must be between 00:00:01 and 00:05:00, not {options.StalledClientTimeout}.");
        }

        if (options.CloseTimeout <= TimeSpan.Zero || options.CloseTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"Push:CloseTimeout must be more than zero and at most 00:00:30, not {options.CloseTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
