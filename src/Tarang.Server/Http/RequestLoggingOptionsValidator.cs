using Microsoft.Extensions.Options;

namespace Tarang.Server.Http;

internal sealed class RequestLoggingOptionsValidator : IValidateOptions<RequestLoggingOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLoggingOptions options) =>
        options.SlowRequestThreshold > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"RequestLogging:SlowRequestThreshold is {options.SlowRequestThreshold}; set a positive TimeSpan such as 00:00:01.");
}
