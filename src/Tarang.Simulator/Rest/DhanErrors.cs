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

    private static IResult Error(int status, string type, string code, string message) =>
        Results.Json(new { errorType = type, errorCode = code, errorMessage = message }, statusCode: status);
}
