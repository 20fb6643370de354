namespace Tarang.Market.Time;

/// <summary>
/// The exchange clock of a replay: it runs through the recorded trading days at their own dates
/// and times, at a configured speed of an injected wall clock. Each day runs from its pre-open
/// (the first day from the configured start time) through the close into a closed period, then
/// the clock jumps to the next day's pre-open. After the last day it wraps to the first day and
/// starts a new epoch when <see cref="ReplayClockOptions.Loop"/> is on, and otherwise stops at
/// the end of the last closed period. Within an epoch the clock never runs backwards.
/// </summary>
/// <remarks>
/// Square-off, end-of-day and epoch events are raised from a wall-clock timer, so a handler runs
/// on a timer thread, a little after its exchange instant. Handlers should not block.
/// </remarks>
public sealed class ReplayClock : TimeProvider, IDisposable
{
    private static readonly TimeZoneInfo IndiaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone("IST", Ist.Offset, "India Standard Time", "India Standard Time");

    private readonly TimeProvider wallClock;
    private readonly ReplayClockOptions options;
    private readonly TradingSession[] sessions;
    private readonly int startIndex;
    private readonly long startTimestamp;
    private readonly ITimer eventTimer;
    private readonly Lock stateLock = new();
    private readonly Lock eventLock = new();

    // The segment that contains the latest position read, and its start in exchange-elapsed time.
    private long currentSegment;
    private TimeSpan currentSegmentStart;

    // The latest exchange-elapsed time the event check has covered.
    private TimeSpan eventsCoveredUntil = TimeSpan.MinValue;

    /// <summary>Creates the clock and starts it at once.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public ReplayClock(ReplayClockOptions options, NseCalendar calendar, TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(wallClock);
        Validate(options);

        this.options = options;
        this.wallClock = wallClock;
        sessions = options.Days
            .Distinct()
            .Order()
            .Select(day => calendar.GetSession(day)
                ?? throw new ArgumentException($"Replay day {day:yyyy-MM-dd} is not a trading day of the NSE calendar.", nameof(options)))
            .ToArray();
        startIndex = Array.FindIndex(sessions, s => s.Date == options.StartDate);
        if (startIndex < 0)
        {
            throw new ArgumentException(
                $"Simulator:StartDate {options.StartDate:yyyy-MM-dd} ({options.StartDate.DayOfWeek}) is not a replayed trading day; pick a recorded trading day from {sessions[0].Date:yyyy-MM-dd} to {sessions[^1].Date:yyyy-MM-dd} that is not a weekend or NSE holiday.",
                nameof(options));
        }

        Calendar = calendar;
        startTimestamp = wallClock.GetTimestamp();
        eventTimer = wallClock.CreateTimer(_ => RaiseDueEvents(), null, options.EventCheckInterval, options.EventCheckInterval);
    }

    /// <summary>Raised at the square-off time of each day the clock passes.</summary>
    public event EventHandler<ReplayDayEventArgs>? SquareOff;

    /// <summary>Raised at each close, before the clock moves to the next date.</summary>
    public event EventHandler<ReplayDayEventArgs>? EndOfDay;

    /// <summary>Raised when the clock wraps to the first day; the arguments carry the new epoch.</summary>
    public event EventHandler<ReplayDayEventArgs>? EpochStarted;

    /// <summary>The calendar that gives each day's session times.</summary>
    public NseCalendar Calendar { get; }

    /// <summary>Exchange seconds per wall-clock second.</summary>
    public double Speed => options.Speed;

    /// <summary>The replayed trading days in order.</summary>
    public IReadOnlyList<DateOnly> Days => Array.ConvertAll(sessions, s => s.Date);

    /// <summary>The current epoch, counted from 1.</summary>
    public int Epoch => EpochOf(Locate(ExchangeElapsed()).Segment);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Locate(ExchangeElapsed()).Instant.ToUniversalTime();

    /// <summary>Returns the exchange timestamp: exchange time elapsed since the start, in ticks.</summary>
    public override long GetTimestamp() => ExchangeElapsed().Ticks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Returns India Standard Time, the exchange's zone, whatever the host's zone is.</summary>
    public override TimeZoneInfo LocalTimeZone => IndiaStandardTime;

    /// <summary>Returns the instant, epoch, speed and market status at once.</summary>
    public ReplayClockSnapshot GetSnapshot()
    {
        var (segment, instant) = Locate(ExchangeElapsed());
        return new ReplayClockSnapshot(Ist.ToIst(instant), EpochOf(segment), options.Speed, Calendar.GetStatus(instant));
    }

    /// <summary>Creates a wall-clock timer whose due time and period are exchange durations.</summary>
    /// <remarks>
    /// NOTE: a timer that spans the jump from a closed period to the next pre-open fires after
    /// the elapsed exchange time, not at the wall-clock instant it would name on the new day.
    /// </remarks>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        wallClock.CreateTimer(callback, state, ToWallDuration(dueTime), ToWallDuration(period));

    /// <summary>
    /// Raises every square-off, end-of-day and epoch event whose exchange instant has passed
    /// since the last check. The wall-clock timer calls it; tests may call it directly.
    /// </summary>
    public void RaiseDueEvents()
    {
        lock (eventLock)
        {
            var now = ExchangeElapsed();
            var from = eventsCoveredUntil;
            if (now <= from)
            {
                return;
            }

            eventsCoveredUntil = now;
            var (segment, segmentStart) = from == TimeSpan.MinValue ? (0L, TimeSpan.Zero) : FindSegment(from);
            while (segmentStart <= now)
            {
                RaiseSegmentEvents(segment, segmentStart, from, now);
                if (!HasSegment(segment + 1))
                {
                    break;
                }

                segmentStart += Length(segment);
                segment++;
            }
        }
    }

    /// <summary>Stops the event timer.</summary>
    public void Dispose() => eventTimer.Dispose();

    private static void Validate(ReplayClockOptions options)
    {
        if (options.Days is null || options.Days.Count == 0)
        {
            throw new ArgumentException("Replay:Days is empty; the clock needs at least one recorded trading day.", nameof(options));
        }

        if (!(options.Speed > 0) || double.IsInfinity(options.Speed))
        {
            throw new ArgumentException($"Replay:Speed must be a positive number of exchange seconds per second, not {options.Speed}.", nameof(options));
        }

        if (options.ClosedPeriod < TimeSpan.Zero || options.ClosedPeriod > TimeSpan.FromHours(8))
        {
            throw new ArgumentException($"Replay:ClosedPeriod must be between 00:00:00 and 08:00:00, not {options.ClosedPeriod}.", nameof(options));
        }

        if (options.EventCheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Replay:EventCheckInterval must be positive, not {options.EventCheckInterval}.", nameof(options));
        }
    }

    private void RaiseSegmentEvents(long segment, TimeSpan segmentStart, TimeSpan from, TimeSpan now)
    {
        var session = SessionOf(segment);
        var epoch = EpochOf(segment);
        var segmentFrom = From(segment);

        // An event fires when its offset into the segment lies in (from, now] in elapsed time.
        bool Due(DateTimeOffset instant)
        {
            var offset = instant - segmentFrom;
            if (offset < TimeSpan.Zero || offset > Length(segment))
            {
                return false;
            }

            var at = segmentStart + offset;
            return at > from && at <= now;
        }

        if (segment > 0 && EpochOf(segment - 1) != epoch && Due(segmentFrom))
        {
            EpochStarted?.Invoke(this, new ReplayDayEventArgs(session.Date, epoch, Ist.ToIst(segmentFrom)));
        }

        var squareOff = Ist.At(session.Date, options.SquareOffTime);
        if (squareOff < session.CloseInstant && Due(squareOff))
        {
            SquareOff?.Invoke(this, new ReplayDayEventArgs(session.Date, epoch, Ist.ToIst(squareOff)));
        }

        if (Due(session.CloseInstant))
        {
            EndOfDay?.Invoke(this, new ReplayDayEventArgs(session.Date, epoch, Ist.ToIst(session.CloseInstant)));
        }
    }

    private TimeSpan ExchangeElapsed() =>
        TimeSpan.FromTicks(checked((long)(wallClock.GetElapsedTime(startTimestamp).Ticks * options.Speed)));

    private (long Segment, DateTimeOffset Instant) Locate(TimeSpan elapsed)
    {
        lock (stateLock)
        {
            // Elapsed time only grows, so the search resumes from the last segment found.
            while (HasSegment(currentSegment + 1) && elapsed >= currentSegmentStart + Length(currentSegment))
            {
                currentSegmentStart += Length(currentSegment);
                currentSegment++;
            }

            var offset = elapsed - currentSegmentStart;
            if (offset > Length(currentSegment))
            {
                offset = Length(currentSegment);
            }

            return (currentSegment, From(currentSegment) + offset);
        }
    }

    private (long Segment, TimeSpan Start) FindSegment(TimeSpan elapsed)
    {
        var segment = 0L;
        var start = TimeSpan.Zero;
        while (HasSegment(segment + 1) && elapsed >= start + Length(segment))
        {
            start += Length(segment);
            segment++;
        }

        return (segment, start);
    }

    // Segment 0 is the start day from the start time; then the following days, wrapping to the
    // first day when looping. A segment runs to the end of its closed period.
    private bool HasSegment(long segment) => options.Loop || segment < sessions.Length - startIndex;

    private int DayIndexOf(long segment)
    {
        var firstPass = sessions.Length - startIndex;
        return segment < firstPass ? (int)(startIndex + segment) : (int)((segment - firstPass) % sessions.Length);
    }

    private int EpochOf(long segment)
    {
        var firstPass = sessions.Length - startIndex;
        return segment < firstPass ? 1 : checked((int)(2 + ((segment - firstPass) / sessions.Length)));
    }

    private TradingSession SessionOf(long segment) => sessions[DayIndexOf(segment)];

    private DateTimeOffset From(long segment)
    {
        var session = SessionOf(segment);
        return segment == 0 ? Ist.At(session.Date, options.StartTime) : session.PreOpenStartInstant;
    }

    private TimeSpan Length(long segment)
    {
        var end = SessionOf(segment).CloseInstant + options.ClosedPeriod;
        var from = From(segment);
        return end > from ? end - from : TimeSpan.Zero;
    }

    private TimeSpan ToWallDuration(TimeSpan exchangeDuration) =>
        exchangeDuration == Timeout.InfiniteTimeSpan || exchangeDuration <= TimeSpan.Zero
            ? exchangeDuration
            : TimeSpan.FromTicks(Math.Max(1, (long)(exchangeDuration.Ticks / options.Speed)));
}
