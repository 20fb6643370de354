using Microsoft.Extensions.Options;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.Feed;

namespace Tarang.Server.Candles;

/// <summary>
/// Holds the instruments a session requests candles of, in quote mode (which carries the day's
/// volume) under the session's <c>candles</c> scope, so their candles accrue while the session
/// lasts. Each session holds at most <c>Candles:MaxInstrumentsPerSession</c>; a request beyond
/// that releases the instrument the session requested longest ago. The supervisor releases the
/// scope with the rest of the session's holdings when the session ends.
/// </summary>
public sealed partial class CandleHolds(MarketSubscriptions subscriptions, IOptions<CandleOptions> options, ILogger<CandleHolds> logger)
{
    /// <summary>The holder scope of candle requests within a session.</summary>
    public const string Scope = "candles";

    /// <summary>The mode candle requests hold instruments in.</summary>
    public const FeedMode Mode = FeedMode.Quote;

    private readonly int maxPerSession = options.Value.MaxInstrumentsPerSession;
    private readonly Lock sync = new();

    // Per session, the instruments held for candles, the most recently requested last.
    private readonly Dictionary<Guid, List<InstrumentKey>> bySession = [];

    /// <summary>Holds the instrument for the session, or marks it as requested now if it is held already.</summary>
    /// <exception cref="UnknownInstrumentsException">The instrument is not in the instrument master.</exception>
    /// <exception cref="Tarang.Dhan.Feed.Connection.FeedCapacityExceededException">The feed has no room for another subscription.</exception>
    public CandleHold Hold(Guid sessionId, InstrumentKey instrument)
    {
        var holder = MarketHolder.ForSession(sessionId, Scope);
        lock (sync)
        {
            var sessionHoldings = bySession.GetValueOrDefault(sessionId);
            if (sessionHoldings is not null && sessionHoldings.Remove(instrument))
            {
                sessionHoldings.Add(instrument);
                return new CandleHold(StartedNow: false, Released: null);
            }

            subscriptions.Hold(holder, [instrument], Mode);
            if (sessionHoldings is null)
            {
                sessionHoldings = [];
                bySession[sessionId] = sessionHoldings;
            }

            sessionHoldings.Add(instrument);
            InstrumentKey? released = null;
            if (sessionHoldings.Count > maxPerSession)
            {
                released = sessionHoldings[0];
                sessionHoldings.RemoveAt(0);
                subscriptions.Release(holder, [released.Value]);
            }

            Log.Held(logger, sessionId, instrument, released, sessionHoldings.Count);
            return new CandleHold(StartedNow: true, released);
        }
    }

    /// <summary>Drops the record of the session's candle requests, for when it ends and the supervisor has released its holdings.</summary>
    /// <remarks>
    /// NOTE: a request that races the session's end can hold again after this. The supervisor's
    /// reconciliation releases that hold, but this record of it stays until the server restarts.
    /// </remarks>
    public void Forget(Guid sessionId)
    {
        lock (sync)
        {
            bySession.Remove(sessionId);
        }
    }

    /// <summary>Returns the instruments the session holds for candles, the most recently requested last.</summary>
    public IReadOnlyList<InstrumentKey> HeldBy(Guid sessionId)
    {
        lock (sync)
        {
            return bySession.TryGetValue(sessionId, out var held) ? [.. held] : [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4310, LogLevel.Debug, "Session {SessionId} now holds {Instrument} for candles ({Count} held); released {Released}, requested longest ago.")]
        public static partial void Held(ILogger logger, Guid sessionId, InstrumentKey instrument, InstrumentKey? released, int count);
    }
}

/// <summary>What a candle request did to the session's holdings.</summary>
/// <param name="StartedNow">True when this request started holding the instrument for the session.</param>
/// <param name="Released">The instrument released to stay within the per-session limit, if any.</param>
public readonly record struct CandleHold(bool StartedNow, InstrumentKey? Released);
