using Microsoft.Extensions.Time.Testing;
using Tarang.Market.Time;

namespace Tarang.Simulator.Tests;

public sealed class ReplayClockTests
{
    private static readonly DateOnly Dec24 = new(2025, 12, 24);
    private static readonly DateOnly Dec26 = new(2025, 12, 26);
    private static readonly DateOnly Dec29 = new(2025, 12, 29);

    // A random start instant, so a clock that reads the real time instead of the fake one fails.
    private static FakeTimeProvider NewWallClock() =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(Random.Shared.NextInt64(1_000_000_000, 2_000_000_000)));

    private static ReplayClock NewClock(FakeTimeProvider wall, DateOnly start, TimeOnly time, double speed = 1, bool loop = true) =>
        new(new ReplayClockOptions { Days = [Dec24, Dec26, Dec29], StartDate = start, StartTime = time, Speed = speed, Loop = loop }, NseCalendar.Bundled, wall);

    [Fact]
    public void Clock_StartsAtConfiguredDayAndTime()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec26, new TimeOnly(10, 47));

        Assert.Equal(TestData.At(2025, 12, 26, 10, 47), clock.GetUtcNow());
        Assert.Equal(1, clock.Epoch);
        Assert.Equal(MarketStatus.Open, clock.GetSnapshot().Status);
    }

    [Fact]
    public void Clock_ReportsLocalTimeInIst()
    {
        using var clock = NewClock(NewWallClock(), Dec24, new TimeOnly(9, 30));

        Assert.Equal(new DateTimeOffset(2025, 12, 24, 9, 30, 0, Ist.Offset), clock.GetLocalNow());
        Assert.Equal(Ist.Offset, clock.GetLocalNow().Offset);
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [Fact]
    public void Clock_DefaultsToFebruarySixthAt1047()
    {
        var options = new ReplayClockOptions { Days = [new DateOnly(2026, 2, 6)] };
        using var clock = new ReplayClock(options, NseCalendar.Bundled, NewWallClock());

        Assert.Equal(TestData.At(2026, 2, 6, 10, 47), clock.GetUtcNow());
    }

    [Fact]
    public void Clock_RunsAtConfiguredSpeed()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec24, new TimeOnly(10, 0), speed: 60);

        wall.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TestData.At(2025, 12, 24, 10, 2), clock.GetUtcNow());
    }

    [Fact]
    public void Clock_CrossesCloseAndClosedPeriodIntoNextPreOpen()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec24, new TimeOnly(15, 29));
        var endOfDay = new List<DateOnly>();
        clock.EndOfDay += (_, e) => endOfDay.Add(e.Date);

        wall.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(MarketStatus.Closed, clock.GetSnapshot().Status);
        Assert.Equal(TestData.At(2025, 12, 24, 15, 30), clock.GetUtcNow());

        wall.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(TestData.At(2025, 12, 24, 15, 44), clock.GetUtcNow());

        wall.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(30));
        Assert.Equal(TestData.At(2025, 12, 26, 9, 0, 30), clock.GetUtcNow());
        Assert.Equal(MarketStatus.PreOpen, clock.GetSnapshot().Status);
        Assert.Equal([Dec24], endOfDay);
    }

    [Fact]
    public void Clock_RaisesSquareOffBeforeEndOfDay()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec24, new TimeOnly(15, 0), speed: 600);
        var events = new List<string>();
        clock.SquareOff += (_, e) => events.Add($"square-off {e.Date:MM-dd} {e.Instant:HH:mm}");
        clock.EndOfDay += (_, e) => events.Add($"end-of-day {e.Date:MM-dd} {e.Instant:HH:mm}");

        // 40 exchange minutes pass in 4 wall seconds; the event timer checks every 50 ms.
        for (var i = 0; i < 80; i++)
        {
            wall.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal(["square-off 12-24 15:20", "end-of-day 12-24 15:30"], events);
    }

    [Fact]
    public void Clock_RaisesEventsForEveryDayCrossedInOneStep()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec24, new TimeOnly(15, 0), loop: false);
        var endOfDay = new List<DateOnly>();
        clock.EndOfDay += (_, e) => endOfDay.Add(e.Date);

        wall.Advance(TimeSpan.FromDays(3));
        clock.RaiseDueEvents();

        Assert.Equal([Dec24, Dec26, Dec29], endOfDay);
    }

    [Fact]
    public void Clock_WrapsToFirstDayInNewEpoch()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec29, new TimeOnly(15, 40));
        var epochs = new List<(int Epoch, DateOnly Date)>();
        clock.EpochStarted += (_, e) => epochs.Add((e.Epoch, e.Date));

        wall.Advance(TimeSpan.FromMinutes(6));
        clock.RaiseDueEvents();

        Assert.Equal(TestData.At(2025, 12, 24, 9, 1), clock.GetUtcNow());
        Assert.Equal(2, clock.Epoch);
        Assert.Equal([(2, Dec24)], epochs);
    }

    [Fact]
    public void Clock_StopsAtEndOfLastClosedPeriodWithoutLoop()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec29, new TimeOnly(15, 40), loop: false);

        wall.Advance(TimeSpan.FromHours(2));

        Assert.Equal(TestData.At(2025, 12, 29, 15, 45), clock.GetUtcNow());
        Assert.Equal(1, clock.Epoch);
    }

    [Fact]
    public void Clock_NeverRunsBackwardsWithinEpoch()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec24, new TimeOnly(9, 0), speed: 3_000);
        var previous = clock.GetUtcNow();

        while (clock.Epoch == 1)
        {
            wall.Advance(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 500)));
            var now = clock.GetUtcNow();
            if (clock.Epoch == 1)
            {
                Assert.True(now >= previous, $"{now:O} is before {previous:O}");
            }

            previous = now;
        }
    }

    [Fact]
    public void Clock_ScalesTimersToExchangeTime()
    {
        var wall = NewWallClock();
        using var clock = NewClock(wall, Dec24, new TimeOnly(10, 0), speed: 60);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        wall.Advance(TimeSpan.FromMilliseconds(990));
        Assert.Equal(0, fired);
        wall.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Clock_RejectsStartDayOutsideReplayedDays()
    {
        var options = new ReplayClockOptions { Days = [Dec24], StartDate = Dec26 };

        var error = Assert.Throws<ArgumentException>(() => new ReplayClock(options, NseCalendar.Bundled, NewWallClock()));

        Assert.Contains("2025-12-26", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clock_RejectsHolidayAsReplayDay()
    {
        var options = new ReplayClockOptions { Days = [Dec24, new DateOnly(2025, 12, 25)], StartDate = Dec24 };

        Assert.Throws<ArgumentException>(() => new ReplayClock(options, NseCalendar.Bundled, NewWallClock()));
    }
}
