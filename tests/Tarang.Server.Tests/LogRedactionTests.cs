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
}
