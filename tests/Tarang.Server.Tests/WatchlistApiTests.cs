using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Market.Instruments;
using Tarang.Server.Watchlists;

namespace Tarang.Server.Tests;

/// <summary>One server for the watchlist route tests that need no settings of their own; each test registers its own users.</summary>
public sealed class WatchlistServerFixture : IAsyncLifetime
{
    internal LoopbackServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", "--RateLimits:PerAddressPermitLimit=1000");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The watchlist routes: input forms, resolution through the master, errors, deletion and isolation.</summary>
public sealed class WatchlistApiTests(WatchlistServerFixture fixture) : IClassFixture<WatchlistServerFixture>
{
    private LoopbackServer Server => fixture.Server;

    private Task<WatchlistUser> NewUserAsync() => WatchlistUser.RegisterAsync(Server, $"watch-{Guid.NewGuid():N}@example.com");

    [Fact]
    public async Task Add_BySymbolResolvesInNseEq()
    {
        var user = await NewUserAsync();

        var item = await user.AddOkAsync(new { symbol = "reliance" });

        Assert.Equal("NSE_EQ:2885", item.GetProperty("instrument").GetString());
        Assert.Equal("RELIANCE", item.GetProperty("symbol").GetString());
        Assert.Equal("NSE_EQ", item.GetProperty("exchange").GetString());
        Assert.Equal("NSE_EQ", item.GetProperty("segment").GetString());
        Assert.Equal(2885, item.GetProperty("securityId").GetInt64());
        Assert.Equal("Reliance Industries", item.GetProperty("name").GetString());
        Assert.EndsWith("+05:30", item.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(["NSE_EQ:2885"], await user.InstrumentsAsync());
    }

    [Fact]
    public async Task Add_ByExchangeChoosesSegment()
    {
        var user = await NewUserAsync();

        var item = await user.AddOkAsync(new { symbol = "RELIANCE", exchange = "BSE_EQ" });

        Assert.Equal("BSE_EQ:500325", item.GetProperty("instrument").GetString());
        Assert.Equal("BSE_EQ", item.GetProperty("exchange").GetString());
    }

    [Fact]
    public async Task Add_ByKeyAcceptsNumberOrString()
    {
        var user = await NewUserAsync();

        var byNumber = await user.AddOkAsync(new { segment = "BSE_EQ", securityId = 500325 });
        var byString = await user.AddOkAsync(new { segment = "idx_i", securityId = "25" });

        Assert.Equal("BSE_EQ:500325", byNumber.GetProperty("instrument").GetString());
        Assert.Equal("RELIANCE", byNumber.GetProperty("symbol").GetString());
        Assert.Equal("IDX_I:25", byString.GetProperty("instrument").GetString());
        Assert.Equal("BANKNIFTY", byString.GetProperty("symbol").GetString());
    }

    [Theory]
    [InlineData("NIFTY_50", "IDX_I:13")]
    [InlineData("BANK_NIFTY", "IDX_I:25")]
    [InlineData("SENSEX", "IDX_I:51")]
    [InlineData("FINNIFTY", "IDX_I:27")]
    [InlineData("nifty", "IDX_I:13")]
    public async Task Add_LegacyAliasesAndIndicesResolve(string symbol, string expected)
    {
        var user = await NewUserAsync();

        var item = await user.AddOkAsync(new { symbol });

        Assert.Equal(expected, item.GetProperty("instrument").GetString());
    }

    [Fact]
    public async Task Add_LegacyAliasIgnoresLegacyDefaultExchange()
    {
        var user = await NewUserAsync();

        var item = await user.AddOkAsync(new { symbol = "NIFTY_50", exchange = "NSE_EQ" });

        Assert.Equal("IDX_I:13", item.GetProperty("instrument").GetString());
        Assert.Equal("NIFTY", item.GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task Add_AmbiguousSeriesListsCandidates()
    {
        var user = await NewUserAsync();

        // ELECTCAST names the EQ share (NSE_EQ 928) and its W1 warrants (NSE_EQ 18116).
        using var response = await user.AddAsync(new { symbol = "ELECTCAST" });

        var problem = await WatchlistUser.ProblemAsync(response, HttpStatusCode.BadRequest, "symbol");
        var candidates = problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("instrument").GetString()).Order().ToList();
        Assert.Equal(["NSE_EQ:18116", "NSE_EQ:928"], candidates);
        Assert.Contains("NSE_EQ:928", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("series W1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await user.ListAsync());
    }

    [Fact]
    public async Task Add_AmbiguousAcrossIndicesListsCandidates()
    {
        var user = await NewUserAsync();

        // Two BSE indices share the trading symbol CAPINS.
        using var response = await user.AddAsync(new { symbol = "CAPINS" });

        var problem = await WatchlistUser.ProblemAsync(response, HttpStatusCode.BadRequest, "symbol");
        var candidates = problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("instrument").GetString()).Order().ToList();
        Assert.Equal(["IDX_I:846", "IDX_I:99"], candidates);
    }

    [Fact]
    public async Task Add_UnknownSymbolPointsToSearch()
    {
        var user = await NewUserAsync();

        using var response = await user.AddAsync(new { symbol = "NOSUCHSYMBOL" });

        var problem = await WatchlistUser.ProblemAsync(response, HttpStatusCode.BadRequest, "symbol");
        Assert.Contains("/api/instruments/search?q=NOSUCHSYMBOL", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_SymbolInOtherSegmentNamesIt()
    {
        var user = await NewUserAsync();

        using var response = await user.AddAsync(new { symbol = "RELIANCE", exchange = "IDX_I" });

        var problem = await WatchlistUser.ProblemAsync(response, HttpStatusCode.BadRequest, "symbol");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("NSE_EQ", detail, StringComparison.Ordinal);
        Assert.Contains("BSE_EQ", detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{}""", "symbol" },
        { """{"symbol":"   "}""", "symbol" },
        { """{"symbol":null,"exchange":"NSE_EQ"}""", "symbol" },
        { """{"symbol":"RELIANCE","exchange":"NSE"}""", "exchange" },
        { """{"symbol":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "symbol" },
        { """{"symbol":42}""", "symbol" },
        { """{"segment":"NSE_XX","securityId":2885}""", "segment" },
        { """{"securityId":2885}""", "segment" },
        { """{"segment":"NSE_EQ"}""", "securityId" },
        { """{"segment":"NSE_EQ","securityId":"abc"}""", "securityId" },
        { """{"segment":"NSE_EQ","securityId":-5}""", "securityId" },
        { """{"segment":"NSE_EQ","securityId":1.5}""", "securityId" },
        { """{"segment":"NSE_EQ","securityId":0}""", "securityId" },
        { """{"segment":"NSE_EQ","securityId":99999999999}""", "securityId" },
        { """{"segment":"NSE_EQ","securityId":true}""", "securityId" },
        { """{"segment":"NSE_EQ","securityId":987654}""", "securityId" },
        { """{"symbol":"RELIANCE","segment":"NSE_EQ","securityId":2885}""", "symbol" },
        { """[1,2]""", "body" },
        { """{"symbol":""", "symbol" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Add_BadInputNamesField(string body, string field)
    {
        var user = await NewUserAsync();
        using var request = AuthClient.Request(HttpMethod.Post, "/api/watchlist", user.Token);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await Server.Client.SendAsync(request);

        await WatchlistUser.ProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(await user.ListAsync());
    }

    [Fact]
    public async Task Add_WithoutJsonIsBadRequest()
    {
        var user = await NewUserAsync();
        using var request = AuthClient.Request(HttpMethod.Post, "/api/watchlist", user.Token);
        request.Content = new StringContent("symbol=RELIANCE", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await Server.Client.SendAsync(request);

        await WatchlistUser.ProblemAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Routes_RequireSession()
    {
        using var list = await Server.Client.GetAsync("/api/watchlist");
        using var add = await Server.Client.PostAsJsonAsync("/api/watchlist", new { symbol = "RELIANCE" });
        using var remove = await Server.Client.DeleteAsync("/api/watchlist/RELIANCE");

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, add.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, remove.StatusCode);
    }

    [Fact]
    public async Task Add_DuplicateIsClearError()
    {
        var user = await NewUserAsync();
        await user.AddOkAsync(new { symbol = "NIFTY_50" });

        using var again = await user.AddAsync(new { symbol = "NIFTY_50" });
        using var byKey = await user.AddAsync(new { segment = "IDX_I", securityId = 13 });

        var problem = await WatchlistUser.ProblemAsync(again, HttpStatusCode.BadRequest, "symbol");
        Assert.StartsWith("Already in watchlist", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        var byKeyProblem = await WatchlistUser.ProblemAsync(byKey, HttpStatusCode.BadRequest, "symbol");
        Assert.StartsWith("Already in watchlist", byKeyProblem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["IDX_I:13"], await user.InstrumentsAsync());
    }

    [Fact]
    public async Task Add_ConcurrentDuplicatesGiveOneItem()
    {
        var user = await NewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => user.AddAsync(new { symbol = "TCS" })));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.BadRequest));
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest))
        {
            var problem = await WatchlistUser.ProblemAsync(response, HttpStatusCode.BadRequest, "symbol");
            Assert.StartsWith("Already in watchlist", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Single(await user.ListAsync());
    }

    [Fact]
    public async Task Store_UniqueViolationIsDuplicateNotError()
    {
        var user = await NewUserAsync();
        var item = await user.AddOkAsync(new { symbol = "INFY" });
        var store = Server.Services.GetRequiredService<WatchlistStore>();
        var first = (await store.ListAsync(user.UserId, CancellationToken.None)).Single();

        // The race the pre-check cannot close: a second row for the same key reaches the database.
        var inserted = await store.TryInsertAsync(
            new WatchlistItem { Id = Guid.NewGuid(), UserId = first.UserId, Segment = first.Segment, SecurityId = first.SecurityId, Symbol = "INFY", CreatedAt = DateTime.UtcNow },
            CancellationToken.None);

        Assert.False(inserted);
        Assert.Equal([item.GetProperty("instrument").GetString()!], await user.InstrumentsAsync());
    }

    [Fact]
    public async Task List_NewestFirst()
    {
        var user = await NewUserAsync();
        await user.AddOkAsync(new { symbol = "ITC" });
        await user.AddOkAsync(new { symbol = "WIPRO" });
        await user.AddOkAsync(new { symbol = "SBIN" });

        var symbols = (await user.ListAsync()).Select(i => i.GetProperty("symbol").GetString()).ToList();

        Assert.Equal(["SBIN", "WIPRO", "ITC"], symbols);
    }

    [Fact]
    public async Task Delete_BySymbolThenAbsentIs404()
    {
        var user = await NewUserAsync();
        await user.AddOkAsync(new { symbol = "RELIANCE" });

        using var removed = await user.DeleteAsync("reliance");
        using var again = await user.DeleteAsync("RELIANCE");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var body = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Removed", body.GetProperty("message").GetString());
        var problem = await WatchlistUser.ProblemAsync(again, HttpStatusCode.NotFound, field: null);
        Assert.StartsWith("Not found", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await user.ListAsync());
    }

    [Fact]
    public async Task Delete_SymbolOfSeveralItemsIs409()
    {
        var user = await NewUserAsync();
        await user.AddOkAsync(new { symbol = "RELIANCE" });
        await user.AddOkAsync(new { symbol = "RELIANCE", exchange = "BSE_EQ" });

        using var conflict = await user.DeleteAsync("RELIANCE");

        var problem = await WatchlistUser.ProblemAsync(conflict, HttpStatusCode.Conflict, "symbol");
        var candidates = problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("instrument").GetString()).Order().ToList();
        Assert.Equal(["BSE_EQ:500325", "NSE_EQ:2885"], candidates);
        Assert.Equal(2, (await user.ListAsync()).Length);

        using var byKey = await user.DeleteAsync("BSE_EQ/500325");
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
        Assert.Equal(["NSE_EQ:2885"], await user.InstrumentsAsync());

        using var bySymbol = await user.DeleteAsync("RELIANCE");
        Assert.Equal(HttpStatusCode.OK, bySymbol.StatusCode);
        Assert.Empty(await user.ListAsync());
    }

    [Fact]
    public async Task Delete_LegacyAliasRemovesIndex()
    {
        var user = await NewUserAsync();
        await user.AddOkAsync(new { symbol = "BANK_NIFTY" });

        using var removed = await user.DeleteAsync("BANK_NIFTY");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(await user.ListAsync());
    }

    [Theory]
    [InlineData("NSE_XX/2885", HttpStatusCode.BadRequest, "segment")]
    [InlineData("NSE_EQ/abc", HttpStatusCode.BadRequest, "securityId")]
    [InlineData("NSE_EQ/-1", HttpStatusCode.BadRequest, "securityId")]
    [InlineData("NSE_EQ/2885", HttpStatusCode.NotFound, null)]
    public async Task Delete_ByKeyChecksInput(string path, HttpStatusCode status, string? field)
    {
        var user = await NewUserAsync();
        await user.AddOkAsync(new { symbol = "ITC" });

        using var response = await user.DeleteAsync(path);

        await WatchlistUser.ProblemAsync(response, status, field);
        Assert.Equal(["NSE_EQ:1660"], await user.InstrumentsAsync());
    }

    [Fact]
    public async Task Lists_AreSeparatePerUser()
    {
        var asha = await NewUserAsync();
        var ravi = await NewUserAsync();
        await asha.AddOkAsync(new { symbol = "RELIANCE" });

        Assert.Empty(await ravi.ListAsync());
        using (var bySymbol = await ravi.DeleteAsync("RELIANCE"))
        {
            Assert.Equal(HttpStatusCode.NotFound, bySymbol.StatusCode);
        }

        using (var byKey = await ravi.DeleteAsync("NSE_EQ/2885"))
        {
            Assert.Equal(HttpStatusCode.NotFound, byKey.StatusCode);
        }

        await ravi.AddOkAsync(new { symbol = "RELIANCE" });
        using (var removed = await ravi.DeleteAsync("RELIANCE"))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        Assert.Equal(["NSE_EQ:2885"], await asha.InstrumentsAsync());
        Assert.Empty(await ravi.ListAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryRoute()
    {
        var document = await Server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var root = paths.GetProperty("/api/watchlist");
        Assert.True(root.TryGetProperty("get", out _));
        Assert.True(root.TryGetProperty("post", out var post));
        Assert.True(post.TryGetProperty("summary", out _));
        Assert.True(paths.GetProperty("/api/watchlist/{symbol}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/watchlist/{segment}/{securityId}").TryGetProperty("delete", out _));
    }
}
