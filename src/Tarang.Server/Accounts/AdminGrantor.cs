using Microsoft.Extensions.Options;

namespace Tarang.Server.Accounts;

/// <summary>At start, grants the admin role to registered users listed in <c>Accounts:AdminEmails</c>.</summary>
internal sealed class AdminGrantor(AccountService accounts, IOptions<AccountOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var email in options.Value.AdminEmails)
        {
            await accounts.GrantAdminAsync(EmailAddress.Normalize(email), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
