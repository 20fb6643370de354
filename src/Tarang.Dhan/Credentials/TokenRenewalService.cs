using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tarang.Dhan.Credentials;

/// <summary>
/// Renews the house token through Dhan's RenewToken endpoint <c>Dhan:TokenRenewalLead</c> before
/// its JWT <c>exp</c>. A failed renewal is logged and retried every
/// <see cref="RetryInterval"/> while the old token is still valid; the feed keeps the old token
/// until then. A token that is not a JWT with <c>exp</c> is never renewed.
/// </summary>
public sealed partial class TokenRenewalService : IHostedService, IDisposable
{
    /// <summary>Wait between renewal attempts after a failure: five minutes.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(5);

    /// <summary>The longest single timer wait; a renewal further away is planned again after it.</summary>
    public static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(7);

    private readonly HouseCredentialStore store;
    private readonly TokenRenewalClient client;
    private readonly IOptionsMonitor<DhanOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<TokenRenewalService> logger;
    private readonly Lock sync = new();
    private readonly CancellationTokenSource stopping = new();
    private ITimer? timer;
    private bool started;

    public TokenRenewalService(HouseCredentialStore store, TokenRenewalClient client, IOptionsMonitor<DhanOptions> options, TimeProvider clock, ILogger<TokenRenewalService> logger)
    {
        this.store = store;
        this.client = client;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>When the next renewal is due, or null when none is scheduled.</summary>
    public DateTimeOffset? NextRenewalAt { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            started = true;
        }

        store.CredentialsReplaced += OnCredentialsReplaced;
        Schedule(store.Current, retry: false);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        store.CredentialsReplaced -= OnCredentialsReplaced;
        lock (sync)
        {
            started = false;
            timer?.Dispose();
            timer = null;
            NextRenewalAt = null;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        timer?.Dispose();
        stopping.Dispose();
    }

    private void OnCredentialsReplaced(object? sender, DhanCredentials credentials) => Schedule(credentials, retry: false);

    private void Schedule(DhanCredentials credentials, bool retry)
    {
        if (!JwtExpiry.TryRead(credentials.AccessToken, out var expiresAt))
        {
            Log.NotAJwt(logger, credentials.ClientId);
            return;
        }

        var now = clock.GetUtcNow();
        var dueAt = retry ? now + RetryInterval : expiresAt - options.CurrentValue.TokenRenewalLead;
        if (dueAt >= expiresAt)
        {
            Log.GaveUp(logger, credentials.ClientId, expiresAt);
            return;
        }

        var due = dueAt > now ? dueAt - now : TimeSpan.Zero;

        // A timer takes at most about 49.7 days, and a token may live longer: a renewal further
        // away wakes after MaxTimerDelay and plans again from there.
        var wakeOnly = due > MaxTimerDelay;
        lock (sync)
        {
            if (!started)
            {
                return;
            }

            timer?.Dispose();
            NextRenewalAt = now + due;
            timer = wakeOnly
                ? clock.CreateTimer(_ => Replan(credentials), null, MaxTimerDelay, Timeout.InfiniteTimeSpan)
                : clock.CreateTimer(_ => _ = RenewAsync(credentials), null, due, Timeout.InfiniteTimeSpan);
        }

        Log.Scheduled(logger, credentials.ClientId, now + due, expiresAt);
    }

    private void Replan(DhanCredentials credentials)
    {
        // Replaced meanwhile: the replacement scheduled its own renewal.
        if (store.Current == credentials)
        {
            Schedule(credentials, retry: false);
        }
    }

    private async Task RenewAsync(DhanCredentials credentials)
    {
        if (store.Current != credentials)
        {
            // Replaced meanwhile; the replacement scheduled its own renewal.
            return;
        }

        try
        {
            var token = await client.RenewAsync(credentials, stopping.Token).ConfigureAwait(false);
            Log.Renewed(logger, credentials.ClientId);
            store.ReplaceCredentials(new DhanCredentials(credentials.ClientId, token), "renewal");
        }
        catch (Exception exception) when (exception is HttpRequestException or FormatException or System.Text.Json.JsonException or TaskCanceledException)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            Log.RenewalFailed(logger, credentials.ClientId, exception.GetType().Name, exception.Message.Replace(credentials.AccessToken, "***", StringComparison.Ordinal));
            Schedule(credentials, retry: true);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1102, LogLevel.Debug, "The token of client {ClientId} is renewed at {DueAt:o}; it expires at {ExpiresAt:o}.")]
        public static partial void Scheduled(ILogger logger, string clientId, DateTimeOffset dueAt, DateTimeOffset expiresAt);

        [LoggerMessage(1103, LogLevel.Information, "Renewed the access token of client {ClientId} through Dhan's RenewToken.")]
        public static partial void Renewed(ILogger logger, string clientId);

        [LoggerMessage(1104, LogLevel.Warning, "Renewing the access token of client {ClientId} failed ({ErrorType}: {ErrorMessage}); the current token stays in use and renewal is retried.")]
        public static partial void RenewalFailed(ILogger logger, string clientId, string errorType, string errorMessage);

        [LoggerMessage(1105, LogLevel.Debug, "The access token of client {ClientId} is not a JWT with an expiry, so it is not renewed ahead of time.")]
        public static partial void NotAJwt(ILogger logger, string clientId);

        [LoggerMessage(1106, LogLevel.Warning, "The access token of client {ClientId} expires at {ExpiresAt:o} before another renewal attempt is due; replace it through Dhan:AccessToken or the admin endpoint.")]
        public static partial void GaveUp(ILogger logger, string clientId, DateTimeOffset expiresAt);
    }
}
