using System.ComponentModel.DataAnnotations;

namespace Tarang.Server.Options;

/// <summary>Where the instrument master comes from (section <c>Instruments</c>).</summary>
public sealed class InstrumentsOptions
{
    public const string SectionName = "Instruments";

    /// <summary>The value of <see cref="Source"/> that loads only the master bundled with the server.</summary>
    public const string BundledSource = "Bundled";

    /// <summary>
    /// <c>Bundled</c> (the default), or the path of a Dhan instrument-master CSV (compact or
    /// detailed layout) loaded over the bundled master, so its rows replace bundled ones.
    /// </summary>
    [Required]
    public string Source { get; set; } = BundledSource;
}
