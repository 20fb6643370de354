using Microsoft.Extensions.Options;

namespace Tarang.Server.LiveData;

/// <summary>Checks the <c>MarketApi</c> settings at start, naming the key of each bad value.</summary>
public sealed class MarketApiOptionsValidator : IValidateOptions<MarketApiOptions>
{
    /// <summary>The maximum <c>MarketApi:FirstDataWait</c> accepted, which bounds how long a market request can wait for data.</summary>
    public static readonly TimeSpan MaxFirstDataWait = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, MarketApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.FirstDataWait < TimeSpan.Zero || options.FirstDataWait > MaxFirstDataWait)
        {
            failures.Add($"MarketApi:FirstDataWait must be from 00:00:00 to {MaxFirstDataWait:c}, not {options.FirstDataWait:c}.");
        }

        if (options.MaxInstrumentsPerRequest < 1)
        {
            failures.Add($"MarketApi:MaxInstrumentsPerRequest must be at least 1, not {options.MaxInstrumentsPerRequest}.");
        }

        if (options.MaxHeldPerSession < options.MaxInstrumentsPerRequest)
        {
            failures.Add(
                $"MarketApi:MaxHeldPerSession ({options.MaxHeldPerSession}) must be at least MarketApi:MaxInstrumentsPerRequest " +
                $"({options.MaxInstrumentsPerRequest}), so one request's instruments always fit.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
