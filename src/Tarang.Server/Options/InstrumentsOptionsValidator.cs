using Microsoft.Extensions.Options;

namespace Tarang.Server.Options;

/// <summary>Checks at start that a file named as the instrument source exists.</summary>
internal sealed class InstrumentsOptionsValidator : IValidateOptions<InstrumentsOptions>
{
    public ValidateOptionsResult Validate(string? name, InstrumentsOptions options)
    {
        if (string.Equals(options.Source, InstrumentsOptions.BundledSource, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        if (Uri.TryCreate(options.Source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return ValidateOptionsResult.Fail(
                "Instruments:Source is a URL, which this version cannot download yet; download the master and set Instruments:Source to its file path, or to Bundled.");
        }

        return File.Exists(options.Source)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Instruments:Source '{options.Source}' is not a file that exists; set it to Bundled or to the path of a Dhan instrument-master CSV.");
    }
}
