using Microsoft.AspNetCore.Http;

namespace Tarang.Simulator.Rest;

/// <summary>
/// Dhan's trading-API error body <c>{"errorType","errorCode","errorMessage"}</c> with Dhan's codes
/// and types. The message starts with Dhan's text; the simulator adds what was wrong.
/// </summary>
internal static class DhanErrors
{
    public static IResult InvalidAuthentication() => Error(
        StatusCodes.Status401Unauthorized, "Invalid_Authentication", "DH-901",
        "Client ID or user generated access token is invalid or expired.");

    public static IResult RateLimit() => Error(
        StatusCodes.Status429TooManyRequests, "Rate_Limit", "DH-904",
        "Too many requests on server from single user breaching rate limits. Try throttling API calls.");

    public static IResult InputException(string detail) => Error(
        StatusCodes.Status400BadRequest, "Input_Exception", "DH-905",
        $"Missing required fields, bad values for parameters etc. {detail}");

    public static IResult DataError(string detail) => Error(
        StatusCodes.Status400BadRequest, "Data_Error", "DH-907",
        $"System is unable to fetch data due to incorrect parameters or no data present. {detail}");

    private static DhanErrorResult Error(int status, string type, string code, string message) => new(status, type, code, message);
}

/// <summary>A Dhan error response, kept typed so the endpoint can log what it rejected.</summary>
internal sealed class DhanErrorResult(int statusCode, string errorType, string errorCode, string errorMessage) : IResult
{
    public int StatusCode { get; } = statusCode;

    public string ErrorCode { get; } = errorCode;

    public string ErrorMessage { get; } = errorMessage;

    public Task ExecuteAsync(HttpContext httpContext) =>
        Results.Json(new { errorType, errorCode = ErrorCode, errorMessage = ErrorMessage }, statusCode: StatusCode).ExecuteAsync(httpContext);
}
