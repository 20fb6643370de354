using Microsoft.Extensions.Options;

namespace Tarang.Server.Options;

/// <summary>Checks at start that every extra holiday file exists.</summary>
internal sealed class CalendarOptionsValidator : IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        var missing = options.HolidayFiles.Where(path => !File.Exists(path)).ToList();
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Calendar:HolidayFiles names files that do not exist: {string.Join(", ", missing)}. Fix the paths or remove them.");
    }
}
