using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Tarang.Server.Tests;

/// <summary>Walks the route table so that every route needing authorization, new ones included, is checked.</summary>
public class AuthWalkTests
{
    [Fact]
    public async Task ProtectedRoutes_RejectBadTokens()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 6, 5, 17, 0, TimeSpan.Zero));
        await using var server = await LoopbackServer.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(clock),
            "--Sessions:AbsoluteLifetime=01:00:00", "--Sessions:IdleTimeout=00:50:00");

        var (revoked, _) = await AuthClient.RegisterAsync(server.Client, "walk-revoked@example.com");
        await AuthClient.SendAsync(server.Client, HttpMethod.Post, "/api/auth/logout", revoked);
        var (expired, _) = await AuthClient.RegisterAsync(server.Client, "walk-expired@example.com");

        var routes = ProtectedRoutes(server);
        Assert.Contains(routes, r => r.Path == "/api/auth/me");
        Assert.Contains(routes, r => r.Path.StartsWith("/api/admin/", StringComparison.Ordinal));

        // Expired: keep the session active up to its absolute expiry, then step past it.
        clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.OK, (await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/auth/me", expired)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(21));

        var cases = new (string Name, string? Header)[]
        {
            ("missing", null),
            ("malformed scheme", "Basic dXNlcjpwYXNz"),
            ("malformed token", "Bearer not-a-token"),
            ("unknown token", $"Bearer {Tarang.Server.Sessions.SessionTokens.Create()}"),
            ("expired", $"Bearer {expired}"),
            ("revoked", $"Bearer {revoked}"),
        };

        foreach (var (method, path) in routes)
        {
            foreach (var (name, header) in cases)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (header is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", header);
                }

                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = JsonContent.Create(new { });
                }

                var response = await server.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with a {name} token returned {(int)response.StatusCode}: {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal(401, problem.GetProperty("status").GetInt32());
                Assert.Equal("Authorization", problem.GetProperty("field").GetString());
            }
        }
    }

    private static List<(string Method, string Path)> ProtectedRoutes(LoopbackServer server)
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var requiresAuth = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            if (!requiresAuth)
            {
                continue;
            }

            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => Guid.NewGuid().ToString(),
                _ => "",
            }))));
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.AddRange(methods.Select(method => (method, path)));
        }

        return routes;
    }
}
