using Microsoft.Extensions.Options;

namespace Tarang.Server.Options;

/// <summary>
/// Checks the <c>Simulator</c> section at start, the standalone simulator's control URL included,
/// which the embedded simulator would otherwise ignore. The start date is checked by the simulator
/// against its recordings when it starts.
/// </summary>
internal sealed class SimulatorSettingsValidator : IValidateOptions<SimulatorSettings>
{
    public ValidateOptionsResult Validate(string? name, SimulatorSettings options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"Simulator:Port is {options.Port}; set it from 0 (any free port) to 65535.");
        }

        if (!double.IsFinite(options.Speed) || options.Speed <= 0)
        {
            failures.Add($"Simulator:Speed is {options.Speed}; set a positive number of exchange seconds per wall-clock second, such as 1.");
        }

        if (options.ControlUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Simulator:ControlUrl is '{url}'; set the standalone simulator's absolute control URL, such as http://127.0.0.1:5081/control/.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
