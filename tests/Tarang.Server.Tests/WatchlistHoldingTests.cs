using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tarang.Dhan.Instruments;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;
using Tarang.Server.Services;
using Tarang.Server.Sessions;
using Tarang.Server.Watchlists;
using Tarang.Simulator.Recording;

namespace Tarang.Server.Tests;

/// <summary>
/// Watchlists on the live feed: enrichment with the simulator's recorded prices, holding while the
/// user is logged in, after a restart and when the feed is full, and the size limit.
/// </summary>
public sealed class WatchlistHoldingTests
{
    private const string Itc = "NSE_EQ:1660";
    private const string AdminEmail = "boss@example.com";

    [Fact]
    public async Task List_EnrichesWithRecordedPrices()
    {
        await using var server = await LoopbackServer.StartAsync(
            "--Feed:DefaultUniverse:0=IDX_I:13", "--Simulator:StartDate=2025-12-24", "--Simulator:StartTime=10:00:00");
        var user = await WatchlistUser.RegisterAsync(server, "live@example.com");
        await user.AddOkAsync(new { symbol = "RELIANCE" });

        JsonElement market = default;
        await FeedTestKit.EventuallyAsync(
            async () =>
            {
                market = (await user.ListAsync()).Single().GetProperty("market");
                return market.ValueKind == JsonValueKind.Object && market.GetProperty("ltp").ValueKind == JsonValueKind.Number;
            },
            "The watchlist item never got a market snapshot with an LTP");

        Assert.Equal("NSE_EQ:2885", market.GetProperty("instrument").GetString());
        Assert.Equal("RELIANCE", market.GetProperty("symbol").GetString());
        Assert.EndsWith("+05:30", market.GetProperty("receivedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("Open", market.GetProperty("marketStatus").GetString());
        Assert.False(market.GetProperty("stale").GetBoolean());

        var recording = MarketRecording.Load(BundledInstrumentMaster.Load());
        Assert.True(recording.TryGetDay(MarketRecording.Reliance, new DateOnly(2025, 12, 24), out var day));
        var ltp = market.GetProperty("ltp").GetDecimal();
        var low = day.Bars.Min(b => b.Low);
        var high = day.Bars.Max(b => b.High);
        Assert.True(ltp >= low, $"LTP {ltp} is below the recorded day's low {low}.");
        Assert.True(ltp <= high, $"LTP {ltp} is above the recorded day's high {high}.");

        // Quote mode carries the day's cumulative volume.
        Assert.True(market.GetProperty("volume").GetInt64() > 0);
    }

    [Fact]
    public async Task Holding_FollowsLoginLogoutAndRemoval()
    {
        await using var server = await StartWithAdminAsync();
        var admin = await WatchlistUser.RegisterAsync(server, AdminEmail);
        var user = await WatchlistUser.RegisterAsync(server, "holder@example.com");
        Assert.DoesNotContain(Itc, await SubscribedAsync(server, admin));

        await user.AddOkAsync(new { symbol = "ITC" });
        Assert.Equal("Quote", (await SubscribedAsync(server, admin))[Itc]);

        using var kit = new FeedTestKit(server);
        await kit.LogoutAsync(user.Token);
        await FeedTestKit.EventuallyAsync(async () => !(await SubscribedAsync(server, admin)).ContainsKey(Itc), "ITC stayed subscribed after the logout");

        // A new login holds the stored list again, read from the database in the background.
        var again = await AuthClient.LoginTokenAsync(server.Client, "holder@example.com");
        await FeedTestKit.EventuallyAsync(async () => (await SubscribedAsync(server, admin)).ContainsKey(Itc), "ITC was not held after the next login");

        using var removed = await AuthClient.SendAsync(server.Client, HttpMethod.Delete, "/api/watchlist/ITC", again);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain(Itc, await SubscribedAsync(server, admin));
    }

    [Fact]
    public async Task Holding_CountsEachSessionOfUser()
    {
        await using var server = await StartWithAdminAsync();
        var admin = await WatchlistUser.RegisterAsync(server, AdminEmail);
        var user = await WatchlistUser.RegisterAsync(server, "two-tabs@example.com");
        var secondTab = await AuthClient.LoginTokenAsync(server.Client, "two-tabs@example.com");

        await user.AddOkAsync(new { symbol = "ITC" });
        var holders = await HoldersAsync(server, admin, Itc);
        Assert.Equal(2, holders);

        using var kit = new FeedTestKit(server);
        await kit.LogoutAsync(user.Token);
        await FeedTestKit.EventuallyAsync(async () => await HoldersAsync(server, admin, Itc) == 1, "The first tab's logout did not release its holding");

        await kit.LogoutAsync(secondTab);
        await FeedTestKit.EventuallyAsync(async () => await HoldersAsync(server, admin, Itc) == 0, "The second tab's logout did not release ITC");
    }

    [Fact]
    public async Task Holding_QuickLogoutsLeaveNothingHeld()
    {
        // A long reconciliation interval, so only the watchlist's own bookkeeping can release a leak.
        await using var server = await LoopbackServer.StartAsync(
            "--Feed:DefaultUniverse:0=IDX_I:13", $"--Accounts:AdminEmails:0={AdminEmail}", "--Feed:ReconciliationInterval=01:00:00",
            "--RateLimits:PerAddressPermitLimit=1000", "--RateLimits:PerAccountPermitLimit=1000");
        var admin = await WatchlistUser.RegisterAsync(server, AdminEmail);
        var user = await WatchlistUser.RegisterAsync(server, "brief@example.com");
        await user.AddOkAsync(new { symbol = "ITC" });
        using var kit = new FeedTestKit(server);
        await kit.LogoutAsync(user.Token);

        // Each login starts a background refresh, which may read the session as active just before
        // the logout ends it. The refresh must not hold for the session after that.
        for (var round = 0; round < 20; round++)
        {
            var token = await AuthClient.LoginTokenAsync(server.Client, "brief@example.com");
            await kit.LogoutAsync(token);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await HoldersAsync(server, admin, Itc));
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        Assert.Empty(subscriptions.HoldingSessions());
    }

    [Fact]
    public async Task Refresh_SkipsSessionThatJustEnded()
    {
        await using var server = await LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", "--Feed:ReconciliationInterval=01:00:00");
        var user = await WatchlistUser.RegisterAsync(server, "ending@example.com");
        await user.AddOkAsync(new { symbol = "ITC" });
        using var kit = new FeedTestKit(server);
        var sessionId = await kit.SessionOfAsync(user.UserId.ToString());
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        var holder = MarketHolder.ForSession(sessionId, WatchlistHoldings.Scope);
        Assert.NotEmpty(subscriptions.GetHoldings(holder));

        // The Ended event arrives while the database still lists the session as active, as when a
        // logout lands between a refresh's read of the sessions and its hold.
        server.Services.GetRequiredService<SessionEvents>().RaiseEnded(
            new SessionEndedEventArgs(sessionId, user.UserId, SessionEndReason.Logout, DateTimeOffset.UtcNow));
        Assert.Empty(subscriptions.GetHoldings(holder));

        await server.Services.GetRequiredService<WatchlistHoldings>().RefreshUserAsync(user.UserId, CancellationToken.None);

        Assert.Empty(subscriptions.GetHoldings(holder));
    }

    [Fact]
    public async Task Holding_ResumesForSessionsAliveAtRestart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"tarang-test-{Guid.NewGuid():N}.db");
        string[] settings = [$"--Database:ConnectionString=Data Source={database};Pooling=False", "--Feed:DefaultUniverse:0=IDX_I:13"];
        try
        {
            Guid sessionId;
            await using (var before = await LoopbackServer.StartAsync(settings))
            {
                var (token, userId) = await AuthClient.RegisterAsync(before.Client, "survivor@example.com");
                await new WatchlistUser(before.Client, token, Guid.Parse(userId)).AddOkAsync(new { symbol = "ITC" });
                using var kit = new FeedTestKit(before);
                sessionId = await kit.SessionOfAsync(userId);
            }

            await using var server = await LoopbackServer.StartAsync(settings);
            var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
            var holder = MarketHolder.ForSession(sessionId, WatchlistHoldings.Scope);
            var itc = new InstrumentKey(ExchangeSegment.NseEq, 1660);
            await FeedTestKit.EventuallyAsync(
                () => subscriptions.GetHoldings(holder).TryGetValue(itc, out var mode) && mode == FeedMode.Quote,
                "The watchlist of the session alive at start was not held");
            using var feed = new FeedTestKit(server);
            await FeedTestKit.EventuallyAsync(async () => await feed.RequestsAsync("subscribes", Itc, "Quote") is { Count: > 0 }, "ITC was not subscribed at the simulator");
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task Add_WhenFeedFullKeepsItem()
    {
        // A long reconciliation interval, so the filler holder of no real session stays held.
        await using var server = await LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", "--Feed:ReconciliationInterval=01:00:00");
        var user = await WatchlistUser.RegisterAsync(server, "full@example.com");
        var subscriptions = server.Services.GetRequiredService<MarketSubscriptions>();
        var catalog = server.Services.GetRequiredService<MarketReferenceData>().Catalog;
        var itc = new InstrumentKey(ExchangeSegment.NseEq, 1660);
        var room = 5_000 - subscriptions.GetSubscriptions().Count;
        var filler = catalog.Instruments.Select(i => i.Key).Where(k => k != itc && k.Segment is ExchangeSegment.NseEq or ExchangeSegment.BseEq).Take(room).ToList();
        var fillerHolder = MarketHolder.ForSession(Guid.NewGuid(), "filler");
        subscriptions.Hold(fillerHolder, filler, FeedMode.Ticker);

        var item = await user.AddOkAsync(new { symbol = "ITC" });

        var reason = item.GetProperty("liveDataUnavailable").GetString();
        Assert.Contains("no room", reason, StringComparison.Ordinal);
        var listed = Assert.Single(await user.ListAsync());
        Assert.Equal(Itc, listed.GetProperty("instrument").GetString());
        Assert.Equal(reason, listed.GetProperty("liveDataUnavailable").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("market").ValueKind);
        Assert.DoesNotContain(subscriptions.GetSubscriptions(), s => s.Instrument == itc);

        // With room again, the next change of the list holds the item that did not fit.
        subscriptions.ReleaseAll(fillerHolder);
        await user.AddOkAsync(new { symbol = "WIPRO" });
        Assert.All(await user.ListAsync(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("liveDataUnavailable").ValueKind));
        Assert.Contains(subscriptions.GetSubscriptions(), s => s.Instrument == itc && s.Mode == FeedMode.Quote);
    }

    [Fact]
    public async Task Add_RejectsBeyondLimit()
    {
        await using var server = await LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", "--Watchlist:MaxItems=3");
        var user = await WatchlistUser.RegisterAsync(server, "limit@example.com");
        await user.AddOkAsync(new { symbol = "ITC" });
        await user.AddOkAsync(new { symbol = "WIPRO" });
        await user.AddOkAsync(new { symbol = "SBIN" });

        using var fourth = await user.AddAsync(new { symbol = "TCS" });

        var problem = await WatchlistUser.ProblemAsync(fourth, HttpStatusCode.BadRequest, field: null);
        Assert.Contains("Watchlist:MaxItems", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await user.ListAsync()).Length);
    }

    [Fact]
    public async Task Add_ConcurrentAddsNeverPassLimit()
    {
        await using var server = await LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", "--Watchlist:MaxItems=3");
        var user = await WatchlistUser.RegisterAsync(server, "race@example.com");
        string[] symbols = ["ITC", "WIPRO", "SBIN", "TCS", "INFY", "HDFCBANK", "ICICIBANK", "AXISBANK"];

        var responses = await Task.WhenAll(symbols.Select(s => user.AddAsync(new { symbol = s })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"An add returned {(int)r.StatusCode}."));
        var added = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var items = await user.ListAsync();
        Assert.True(items.Length <= 3, $"The list has {items.Length} items, over the limit of 3.");
        Assert.Equal(added, items.Length);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-4")]
    public async Task Start_RejectsInvalidMaxItems(string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => LoopbackServer.StartAsync($"--Watchlist:MaxItems={value}"));

        Assert.Contains("Watchlist:MaxItems", error.Message, StringComparison.Ordinal);
    }

    private static Task<LoopbackServer> StartWithAdminAsync() =>
        LoopbackServer.StartAsync("--Feed:DefaultUniverse:0=IDX_I:13", $"--Accounts:AdminEmails:0={AdminEmail}");

    /// <summary>The upstream subscriptions by instrument key and mode, as the admin feed status shows them.</summary>
    private static async Task<Dictionary<string, string>> SubscribedAsync(LoopbackServer server, WatchlistUser admin)
    {
        var status = await FeedStatusAsync(server, admin);
        return status.GetProperty("subscriptions").EnumerateArray()
            .ToDictionary(s => s.GetProperty("instrument").GetString()!, s => s.GetProperty("mode").GetString()!);
    }

    private static async Task<int> HoldersAsync(LoopbackServer server, WatchlistUser admin, string instrument)
    {
        var status = await FeedStatusAsync(server, admin);
        return status.GetProperty("subscriptions").EnumerateArray()
            .Where(s => s.GetProperty("instrument").GetString() == instrument)
            .Select(s => s.GetProperty("holders").GetInt32())
            .SingleOrDefault();
    }

    private static async Task<JsonElement> FeedStatusAsync(LoopbackServer server, WatchlistUser admin)
    {
        using var response = await AuthClient.SendAsync(server.Client, HttpMethod.Get, "/api/admin/feed", admin.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
