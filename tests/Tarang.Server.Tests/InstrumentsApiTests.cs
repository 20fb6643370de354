using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tarang.Server.Tests;

public sealed class InstrumentsApiTests : IAsyncLifetime
{
    private LoopbackServer server = null!;

    public async Task InitializeAsync() => server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task GetByKey_ReturnsRelianceWithTickInRupees()
    {
        var instrument = await server.Client.GetFromJsonAsync<JsonElement>("/api/instruments/NSE_EQ/2885");

        Assert.Equal("RELIANCE", instrument.GetProperty("symbol").GetString());
        Assert.Equal("NSE_EQ:2885", instrument.GetProperty("key").GetString());
        Assert.Equal(0.10m, instrument.GetProperty("tickSize").GetDecimal());
        Assert.Equal(1, instrument.GetProperty("lotSize").GetInt32());
    }

    [Fact]
    public async Task GetByKey_OptionCarriesExpiryInIst()
    {
        var found = await server.Client.GetFromJsonAsync<JsonElement>("/api/instruments/search?q=NIFTY-Feb2026-25100&limit=5");
        var option = found.GetProperty("instruments").EnumerateArray().First(i => i.GetProperty("optionType").GetString() == "CE");

        Assert.Equal("OPTIDX", option.GetProperty("kind").GetString());
        Assert.Equal(25100m, option.GetProperty("strike").GetDecimal());
        Assert.Equal(65, option.GetProperty("lotSize").GetInt32());
        Assert.Equal("2026-02-24T14:30:00+05:30", option.GetProperty("expiry").GetString());
    }

    [Fact]
    public async Task GetByKey_InvalidSegmentNamesField()
    {
        var response = await server.Client.GetAsync("/api/instruments/NSE_XX/2885");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("exchangeSegment", problem.GetProperty("field").GetString());
        Assert.Contains("NSE_EQ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetByKey_InvalidSecurityIdNamesField()
    {
        var response = await server.Client.GetAsync("/api/instruments/NSE_EQ/-5");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("securityId", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task GetByKey_UnknownInstrumentIsNotFound()
    {
        var response = await server.Client.GetAsync("/api/instruments/NSE_EQ/999999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("NSE_EQ:999999999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_PutsIndexBeforeDerivatives()
    {
        var found = await server.Client.GetFromJsonAsync<JsonElement>("/api/instruments/search?q=nifty&limit=1");

        var first = Assert.Single(found.GetProperty("instruments").EnumerateArray());
        Assert.Equal("IDX_I:13", first.GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("/api/instruments/search", "q")]
    [InlineData("/api/instruments/search?q=%20", "q")]
    [InlineData("/api/instruments/search?q=TCS&limit=0", "limit")]
    [InlineData("/api/instruments/search?q=TCS&limit=201", "limit")]
    public async Task Search_RejectsBadParameter(string path, string field)
    {
        var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task FindBySymbol_ListsEveryListing()
    {
        var found = await server.Client.GetFromJsonAsync<JsonElement>("/api/instruments/by-symbol/reliance");

        var keys = found.GetProperty("instruments").EnumerateArray().Select(i => i.GetProperty("key").GetString()).ToList();
        Assert.Contains("NSE_EQ:2885", keys);
        Assert.Equal(found.GetProperty("count").GetInt32(), keys.Count);
    }

    [Theory]
    [InlineData("/api/instruments/search?q=RELI&limit=abc", "limit")]
    [InlineData("/api/instruments/search?q=RELI&limit=99999999999", "limit")]
    public async Task Search_UnbindableValueIsBadRequest(string path, string parameter)
    {
        var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnknownRoute_IsNotFoundWithDetail()
    {
        var response = await server.Client.GetAsync("/api/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No route matches GET /api/nope; /openapi/v1.json lists the routes.", problem.GetProperty("detail").GetString());
    }
}
