using Microsoft.Extensions.Options;

namespace Tarang.Server.Candles;

/// <summary>Checks the <c>Candles</c> settings at start.</summary>
public sealed class CandleOptionsValidator : IValidateOptions<CandleOptions>
{
    public ValidateOptionsResult Validate(string? name, CandleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxInstruments is < 1 or > CandleOptions.MaxSetting)
        {
            failures.Add($"Candles:MaxInstruments must be 1 to {CandleOptions.MaxSetting}, not {options.MaxInstruments}.");
        }

        if (options.MaxInstrumentsPerSession is < 1 or > CandleOptions.MaxSetting)
        {
            failures.Add($"Candles:MaxInstrumentsPerSession must be 1 to {CandleOptions.MaxSetting}, not {options.MaxInstrumentsPerSession}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
