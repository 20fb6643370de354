using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tarang.Simulator.Control;

/// <summary>
/// A <see cref="TimeProvider"/> that follows the exchange clock of a simulator running in another
/// process, read from its <c>GET /control/clock</c>. Between reads it runs on at the simulator's
/// speed. Within an epoch it never runs backwards: a read that lands earlier than a time already
/// returned holds the clock until the simulator catches up.
/// </summary>
/// <remarks>
/// NOTE: between reads the clock cannot see the simulator's jump from a closed period to the next
/// pre-open, so it runs on past the closed period for up to one poll interval of wall time.
/// </remarks>
public sealed class ExchangeClockFollower : TimeProvider, IAsyncDisposable
{
    /// <summary>The default wall-clock time between two reads of the simulator's clock.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    private readonly HttpClient http;
    private readonly Uri clockUrl;
    private readonly TimeProvider wallClock;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock stateLock = new();
    private Task polling = Task.CompletedTask;
    private ClockReading reading;
    private DateTimeOffset lastReturned = DateTimeOffset.MinValue;
    private int lastReturnedEpoch;

    private ExchangeClockFollower(HttpClient http, Uri controlUrl, TimeProvider wallClock)
    {
        this.http = http;
        this.wallClock = wallClock;
        clockUrl = new Uri(controlUrl, "clock");
    }

    /// <summary>The epoch of the latest read.</summary>
    public int Epoch
    {
        get
        {
            lock (stateLock)
            {
                return reading.Epoch;
            }
        }
    }

    /// <summary>Exchange seconds per wall-clock second, from the latest read.</summary>
    public double Speed
    {
        get
        {
            lock (stateLock)
            {
                return reading.Speed;
            }
        }
    }

    /// <summary>The error of the latest failed read, or null when the latest read succeeded.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Reads the simulator's clock once, then keeps reading it every <paramref name="pollInterval"/>.</summary>
    /// <param name="controlUrl">The simulator's control base URL, such as <c>http://127.0.0.1:5081/control/</c>.</param>
    /// <param name="http">The client for the reads; the caller owns it.</param>
    /// <param name="wallClock">The local wall clock; null is the system clock.</param>
    /// <param name="pollInterval">Wall-clock time between reads; null is <see cref="DefaultPollInterval"/>.</param>
    /// <param name="cancellationToken">Cancels the first read.</param>
    /// <exception cref="HttpRequestException">The first read failed.</exception>
    public static async Task<ExchangeClockFollower> StartAsync(
        Uri controlUrl,
        HttpClient http,
        TimeProvider? wallClock = null,
        TimeSpan? pollInterval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(controlUrl);
        ArgumentNullException.ThrowIfNull(http);
        var follower = new ExchangeClockFollower(http, controlUrl, wallClock ?? System);
        await follower.ReadAsync(cancellationToken).ConfigureAwait(false);
        follower.polling = follower.PollAsync(pollInterval ?? DefaultPollInterval);
        return follower;
    }

    private int disposed;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (stateLock)
        {
            var elapsed = wallClock.GetElapsedTime(reading.ReadTimestamp);
            var now = reading.Instant + TimeSpan.FromTicks((long)(elapsed.Ticks * reading.Speed));
            if (reading.Epoch == lastReturnedEpoch && now < lastReturned)
            {
                now = lastReturned;
            }

            lastReturned = now;
            lastReturnedEpoch = reading.Epoch;
            return now.ToUniversalTime();
        }
    }

    /// <summary>Stops reading the simulator's clock; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        // A host that registers the follower as a service disposes it too, besides its owner.
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await polling.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task PollAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, wallClock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await ReadAsync(stopping.Token).ConfigureAwait(false);
                    LastError = null;
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException or FormatException or TaskCanceledException && !stopping.IsCancellationRequested)
                {
                    // The clock runs on from the last good read until a read succeeds again.
                    LastError = ex;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var json = await http.GetFromJsonAsync<JsonElement>(clockUrl, cancellationToken).ConfigureAwait(false);
        var instant = DateTimeOffset.Parse(json.GetProperty("instant").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.None);
        var next = new ClockReading(instant, json.GetProperty("epoch").GetInt32(), json.GetProperty("speed").GetDouble(), wallClock.GetTimestamp());
        lock (stateLock)
        {
            reading = next;
        }
    }

    private readonly record struct ClockReading(DateTimeOffset Instant, int Epoch, double Speed, long ReadTimestamp);
}
