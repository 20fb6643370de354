using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tarang.Server.Tests;

public class ServiceApiTests
{
    [Fact]
    public async Task Root_DescribesService()
    {
        await using var server = await LoopbackServer.StartAsync();

        var root = await server.Client.GetFromJsonAsync<JsonElement>("/");

        Assert.Equal("running", root.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_ReportsLoadedReferenceData()
    {
        await using var server = await LoopbackServer.StartAsync();

        var response = await server.Client.GetAsync("/api/health");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("instruments").GetInt32() > 20_000);
        Assert.EndsWith("+05:30", health.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Start_FailsForMissingMasterFile()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LoopbackServer.StartAsync("--Instruments:Source=/nonexistent/master.csv"));

        Assert.Contains("Instruments:Source '/nonexistent/master.csv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LoadsMasterFileOverBundled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tarang-master-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, """
            SEM_EXM_EXCH_ID,SEM_SEGMENT,SEM_SMST_SECURITY_ID,SEM_INSTRUMENT_NAME,SEM_EXPIRY_CODE,SEM_TRADING_SYMBOL,SEM_LOT_UNITS,SEM_CUSTOM_SYMBOL,SEM_EXPIRY_DATE,SEM_STRIKE_PRICE,SEM_OPTION_TYPE,SEM_TICK_SIZE,SEM_EXPIRY_FLAG,SEM_EXCH_INSTRUMENT_TYPE,SEM_SERIES,SM_SYMBOL_NAME
            NSE,D,58072,FUTIDX,0,NIFTY-Aug2026-FUT,65.0,NIFTY AUG FUT,2026-08-25 14:30:00,-0.01,XX,10.0,M,FUT,,NIFTY
            """);
        try
        {
            await using var server = await LoopbackServer.StartAsync($"--Instruments:Source={path}");

            var future = await server.Client.GetFromJsonAsync<JsonElement>("/api/instruments/NSE_FNO/58072");
            var bundled = await server.Client.GetAsync("/api/instruments/NSE_EQ/2885");

            Assert.Equal("FUTIDX", future.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, future.GetProperty("strike").ValueKind);
            Assert.Equal(0.10m, future.GetProperty("tickSize").GetDecimal());
            Assert.Equal(HttpStatusCode.OK, bundled.StatusCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Start_FailsForMissingHolidayFile()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LoopbackServer.StartAsync("--Calendar:HolidayFiles:0=/nonexistent/holidays_2027.csv"));

        Assert.Contains("/nonexistent/holidays_2027.csv", error.Message, StringComparison.Ordinal);
    }
}
