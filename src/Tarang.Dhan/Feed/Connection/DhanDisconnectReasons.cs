namespace Tarang.Dhan.Feed.Connection;

/// <summary>Dhan's feed disconnect and data-API error codes, with the annexure's wording.</summary>
public static class DhanDisconnectReasons
{
    public const int InternalServerError = 800;
    public const int InstrumentLimitExceeded = 804;
    public const int TooManyConnections = 805;
    public const int DataApisNotSubscribed = 806;
    public const int AccessTokenExpired = 807;
    public const int AuthenticationFailed = 808;
    public const int AccessTokenInvalid = 809;
    public const int ClientIdInvalid = 810;
    public const int InvalidExpiryDate = 811;
    public const int InvalidDateFormat = 812;
    public const int InvalidSecurityId = 813;
    public const int InvalidRequest = 814;

    /// <summary>Returns the annexure text of a reason code, or "unknown reason".</summary>
    public static string Describe(int code) => code switch
    {
        InternalServerError => "internal server error",
        InstrumentLimitExceeded => "requested number of instruments exceeds limit",
        TooManyConnections => "too many requests or connections",
        DataApisNotSubscribed => "data APIs not subscribed",
        AccessTokenExpired => "access token is expired",
        AuthenticationFailed => "authentication failed: client id or token invalid",
        AccessTokenInvalid => "access token is invalid",
        ClientIdInvalid => "client id is invalid",
        InvalidExpiryDate => "invalid expiry date",
        InvalidDateFormat => "invalid date format",
        InvalidSecurityId => "invalid security id",
        InvalidRequest => "invalid request",
        _ => "unknown reason",
    };

    /// <summary>Returns true for the codes that reject the credentials: 806, 808, 809 and 810.</summary>
    public static bool RejectsCredentials(int code) =>
        code is DataApisNotSubscribed or AuthenticationFailed or AccessTokenInvalid or ClientIdInvalid;
}
