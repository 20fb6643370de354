using System.Net;
using Microsoft.Extensions.Options;

namespace Tarang.Server.Operations.Metrics;

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path) || !options.Path.StartsWith('/') || options.Path.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"Metrics:Path is '{options.Path}'; set a path that starts with '/', such as /metrics.");
        }

        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.AllowedNetworks[i], out _))
            {
                failures.Add($"Metrics:AllowedNetworks:{i} is '{options.AllowedNetworks[i]}', which is not a network in CIDR notation; write it like 10.0.0.0/8 or 127.0.0.1/32.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
