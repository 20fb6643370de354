using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tarang.Dhan.Credentials;

/// <summary>
/// The house account's current Dhan credentials. They start from configuration and change by
/// <see cref="ReplaceCredentials"/> (the admin endpoint, token renewal) or by a configuration reload
/// that changes <c>Dhan:ClientId</c> or <c>Dhan:AccessToken</c>. Every feed connect reads
/// <see cref="Current"/>, so a replacement takes effect at the next connect.
/// </summary>
public sealed partial class HouseCredentialStore : IDisposable
{
    private readonly Lock sync = new();
    private readonly ILogger<HouseCredentialStore> logger;
    private readonly IDisposable? reloadRegistration;
    private DhanCredentials current;
    private DhanCredentials configured;

    public HouseCredentialStore(IOptionsMonitor<DhanOptions> options, ILogger<HouseCredentialStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.logger = logger;
        configured = FromOptions(options.CurrentValue);
        current = configured;
        reloadRegistration = options.OnChange(OnConfigurationChanged);
    }

    /// <summary>Raised after the credentials changed, on the thread that changed them.</summary>
    public event EventHandler<DhanCredentials>? CredentialsReplaced;

    /// <summary>The credentials the next connect uses.</summary>
    public DhanCredentials Current
    {
        get
        {
            lock (sync)
            {
                return current;
            }
        }
    }

    /// <summary>
    /// Replaces the house credentials. A feed waiting after a rejected or expired token resumes at
    /// once; open sockets keep running and use the new token at their next connect.
    /// </summary>
    /// <param name="credentials">The new client id and token.</param>
    /// <param name="source">Who replaced them, for the log (for example "admin" or "renewal").</param>
    public void ReplaceCredentials(DhanCredentials credentials, string source)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        lock (sync)
        {
            if (credentials == current)
            {
                return;
            }

            current = credentials;
        }

        Log.CredentialsReplaced(logger, credentials.ClientId, source);
        CredentialsReplaced?.Invoke(this, credentials);
    }

    public void Dispose() => reloadRegistration?.Dispose();

    private static DhanCredentials FromOptions(DhanOptions options) => new(options.ClientId, options.AccessToken);

    private void OnConfigurationChanged(DhanOptions options, string? name)
    {
        // A reload that changes other settings must not undo a renewed token, so only a change of
        // the configured credentials themselves replaces the current ones.
        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.AccessToken))
        {
            Log.ReloadWithoutCredentials(logger);
            return;
        }

        var reloaded = FromOptions(options);
        lock (sync)
        {
            if (reloaded == configured)
            {
                return;
            }

            configured = reloaded;
        }

        ReplaceCredentials(reloaded, "configuration");
    }

    private static partial class Log
    {
        [LoggerMessage(1100, LogLevel.Information, "The house Dhan credentials of client {ClientId} were replaced by {Source}.")]
        public static partial void CredentialsReplaced(ILogger logger, string clientId, string source);

        [LoggerMessage(1101, LogLevel.Warning, "A configuration reload left Dhan:ClientId or Dhan:AccessToken empty; the current credentials stay in use.")]
        public static partial void ReloadWithoutCredentials(ILogger logger);
    }
}
