using Microsoft.Extensions.Options;

namespace Tarang.Server.Watchlists;

/// <summary>Watchlist settings, bound from the <c>Watchlist</c> section.</summary>
public sealed class WatchlistOptions
{
    public const string SectionName = "Watchlist";

    /// <summary>Default <see cref="MaxItems"/>.</summary>
    public const int DefaultMaxItems = 50;

    /// <summary>The largest <see cref="MaxItems"/> accepted: every item of every logged-in user is held on the shared feed, which carries 5,000 instruments per connection.</summary>
    public const int UpperLimit = 1_000;

    /// <summary>The most items one user's watchlist may hold.</summary>
    public int MaxItems { get; set; } = DefaultMaxItems;
}

/// <summary>Checks the <c>Watchlist</c> settings at start.</summary>
public sealed class WatchlistOptionsValidator : IValidateOptions<WatchlistOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchlistOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxItems is < 1 or > WatchlistOptions.UpperLimit
            ? ValidateOptionsResult.Fail($"Watchlist:MaxItems must be from 1 to {WatchlistOptions.UpperLimit}, not {options.MaxItems}.")
            : ValidateOptionsResult.Success;
    }
}
