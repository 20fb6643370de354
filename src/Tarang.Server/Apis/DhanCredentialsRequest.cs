namespace Tarang.Server.Apis;

/// <summary>The body of <c>PUT /api/admin/dhan-credentials</c>.</summary>
public sealed record DhanCredentialsRequest(string? ClientId, string? AccessToken);
