using Microsoft.AspNetCore.Http;
using Tarang.Server.Http;

namespace Tarang.Server.Tests;

public class LogRedactionTests
{
    [Theory]
    [InlineData("?access_token=abc&instrument=NSE_EQ:2885", "?access_token=[Redacted]&instrument=NSE_EQ:2885")]
    [InlineData("?Token=abc", "?Token=[Redacted]")]
    [InlineData("?password=p&api_key=k&client_secret=s", "?password=[Redacted]&api_key=[Redacted]&client_secret=[Redacted]")]
    [InlineData("?access%5Ftoken=abc", "?access%5Ftoken=[Redacted]")]
    [InlineData("?instrumentKey=NSE_EQ:2885&flag", "?instrumentKey=NSE_EQ:2885&flag")]
    [InlineData("", "")]
    public void RedactQuery_ReplacesSecretValues(string query, string expected)
    {
        Assert.Equal(expected, LogRedaction.RedactQuery(new QueryString(query.Length == 0 ? null : query)));
    }

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://127.0.0.1:5000/hubs/market?access_token=abc-_1&id=2 - - -", "Request starting HTTP/1.1 GET http://127.0.0.1:5000/hubs/market?access_token=[Redacted]&id=2 - - -")]
    [InlineData("GET /x?access%5Ftoken=abc HTTP/1.1", "GET /x?access%5Ftoken=[Redacted] HTTP/1.1")]
    [InlineData("Authorization: Bearer abc.def\nAccept: */*", "Authorization: [Redacted]\nAccept: */*")]
    [InlineData("access-token: secret123", "access-token: [Redacted]")]
    [InlineData("Authorization: [Redacted]", "Authorization: [Redacted]")]
    [InlineData("sent Bearer abc123== to the server", "sent Bearer [Redacted] to the server")]
    [InlineData("token eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl in text", "token [Redacted] in text")]
    [InlineData("Feed socket 0 is connecting to ws://127.0.0.1:5081/, attempt 1.", "Feed socket 0 is connecting to ws://127.0.0.1:5081/, attempt 1.")]
    [InlineData("set Dhan:AccessToken to a new token", "set Dhan:AccessToken to a new token")]
    public void RedactText_ReplacesSecrets(string text, string expected)
    {
        Assert.Equal(expected, LogRedaction.RedactText(text));
    }
}
