using Microsoft.Extensions.Options;

namespace Tarang.Server.Operations.Health;

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    /// <summary>Upper bound of the timeout, so a stuck database cannot hold a readiness request open for long.</summary>
    private static readonly TimeSpan MaxDatabaseTimeout = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        options.DatabaseTimeout > TimeSpan.Zero && options.DatabaseTimeout <= MaxDatabaseTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Health:DatabaseTimeout is {options.DatabaseTimeout}; set a TimeSpan above zero and at most {MaxDatabaseTimeout}, such as 00:00:05.");
}
