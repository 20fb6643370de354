using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tarang.Server.Accounts;
using Tarang.Server.Apis;
using Tarang.Server.Http;
using Tarang.Server.Sessions;

namespace Tarang.Server.Extensions;

/// <summary>Registers accounts, bearer-session authentication, the admin policy and the login rate limits.</summary>
public static class AccountServiceCollectionExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection(AccountOptions.SectionName))
            .PostConfigure(options =>
            {
                // Binding reads only the list form (Accounts:AdminEmails:0=...); a single value such
                // as Accounts__AdminEmails=a@x.in,b@x.in would otherwise be dropped without a word.
                var single = configuration[$"{AccountOptions.SectionName}:{nameof(AccountOptions.AdminEmails)}"];
                foreach (var email in (single ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    options.AdminEmails.Add(email);
                }
            })
            .ValidateOnStart();
        services.AddOptions<AuthRateLimitOptions>().Bind(configuration.GetSection(AuthRateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthRateLimitOptions>, AccountOptionsValidator>();

        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AccountRateLimiter>();
        services.AddHostedService<AdminGrantor>();

        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminApi.AdminPolicy, policy => policy.RequireRole(SessionAuthenticationHandler.AdminRole));

        services.AddSingleton<ClientAddressRateLimiter>();

        // The login and registration limits are KeyedWindowLimiters, because the middleware's
        // partitions have no cap on their number. The middleware stays registered, with
        // problem-details rejections, for any policy a route group adds later.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<RejectedRequestLog>().Rejected(context.HttpContext);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var problem = AuthApi.TooManyRequests(context.HttpContext, retryAfter, "Too many requests from this client.");
                await problem.ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });

        return services;
    }
}
