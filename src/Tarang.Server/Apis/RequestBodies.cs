using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Tarang.Server.Apis;

/// <summary>Reads JSON bodies so that a bad body gets a ProblemDetails naming the field, not a bare 400.</summary>
internal static class RequestBodies
{
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.BadRequest("body", "The request body must be JSON; send it with 'Content-Type: application/json'."));
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var body = await request.ReadFromJsonAsync<T>(options, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return body is null
                ? (null, Problems.BadRequest("body", "The request body is empty; send a JSON object."))
                : (body, null);
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
            return (null, Problems.BadRequest(field, $"The JSON body is invalid at '{field}'; send a JSON object whose fields are strings."));
        }
    }
}
