using Tarang.Server.Accounts;
using Tarang.Server.Storage;

namespace Tarang.Server;

/// <summary>
/// <c>Tarang.Server grant-admin EMAIL [settings]</c>: grants the admin role to a registered user in
/// the configured database and exits without serving requests.
/// </summary>
/// <remarks>NOTE: a running server reads the role when a session is first checked, so existing sessions of that user see it after a restart or a new login.</remarks>
public static class AdminCommand
{
    public const string Name = "grant-admin";

    /// <summary>Runs the command; returns the process exit code (0 granted, 1 no such user, 2 usage error).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length < 2 || args[0] != Name)
        {
            await output.WriteLineAsync($"Usage: Tarang.Server {Name} EMAIL [--Database:Provider=... --Database:ConnectionString=...]").ConfigureAwait(false);
            return 2;
        }

        var email = EmailAddress.Normalize(args[1]);
        // Built as the server builds itself, so every hosted service (the migrator among them) can be created.
        await using var app = await TarangServer.BuildAsync(args[2..]).ConfigureAwait(false);
        var migrator = app.Services.GetServices<IHostedService>().OfType<DatabaseMigrator>().Single();
        await migrator.StartAsync(CancellationToken.None).ConfigureAwait(false);

        var user = await app.Services.GetRequiredService<AccountService>().GrantAdminAsync(email, CancellationToken.None).ConfigureAwait(false);
        if (user is null)
        {
            await output.WriteLineAsync($"No user has the email '{email}'; register it first, then run {Name} again.").ConfigureAwait(false);
            return 1;
        }

        await app.Services.GetRequiredService<AuditLog>().WriteAsync(AuditKinds.AdminGranted, user.Id, null, CancellationToken.None, detail: $"{Name} command").ConfigureAwait(false);
        await output.WriteLineAsync($"User {user.Id} ({email}) has the admin role.").ConfigureAwait(false);
        return 0;
    }
}
