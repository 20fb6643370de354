using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Tarang.Market.Instruments;
using Tarang.Market.MarketData;
using Tarang.Server.LiveData;
using Tarang.Server.Push;

namespace Tarang.Server.Tests;

/// <summary>A connection's outbound queue keeps the latest snapshot per instrument and stays bounded.</summary>
public class PushConnectionTests
{
    private static readonly InstrumentKey Reliance = new(ExchangeSegment.NseEq, 2885);
    private static readonly InstrumentKey Nifty = new(ExchangeSegment.IdxI, 13);
    private static readonly InstrumentKey Tcs = new(ExchangeSegment.NseEq, 11536);

    [Fact]
    public void Enqueue_KeepsLatestPerInstrument()
    {
        var connection = NewConnection();
        connection.SetSubscriptions([Reliance, Nifty], FeedMode.Quote);

        Assert.True(connection.Enqueue(Reliance, Snapshot(Reliance, 1570.1m)));
        Assert.True(connection.Enqueue(Nifty, Snapshot(Nifty, 26100.05m)));
        Assert.False(connection.Enqueue(Reliance, Snapshot(Reliance, 1570.2m)));
        Assert.False(connection.Enqueue(Reliance, Snapshot(Reliance, 1570.3m)));

        Assert.Equal(2, connection.Pending);
        Assert.Equal(2, connection.Conflated);
        var outbound = connection.Take(maxBatch: 100);
        Assert.Equal([(Reliance.ToString(), 1570.3m), (Nifty.ToString(), 26100.05m)], outbound.Snapshots.Select(s => (s.Instrument, s.Ltp!.Value)));
        Assert.Equal(0, connection.Pending);
    }

    [Fact]
    public void Queue_BoundedBySubscriptions()
    {
        var connection = NewConnection();
        connection.SetSubscriptions([Reliance, Nifty], FeedMode.Quote);

        for (var i = 0; i < 10_000; i++)
        {
            connection.Enqueue(i % 2 == 0 ? Reliance : Nifty, Snapshot(Reliance, 1500m + i));
            connection.Enqueue(Tcs, Snapshot(Tcs, 3200m + i));
        }

        Assert.Equal(2, connection.Pending);
        Assert.Equal(9_998, connection.Conflated);
    }

    [Fact]
    public void Take_LimitsBatchSize()
    {
        var connection = NewConnection();
        connection.SetSubscriptions([Reliance, Nifty, Tcs], FeedMode.Quote);
        connection.Enqueue(Reliance, Snapshot(Reliance, 1570m));
        connection.Enqueue(Nifty, Snapshot(Nifty, 26100m));
        connection.Enqueue(Tcs, Snapshot(Tcs, 3200m));

        Assert.Equal(2, connection.Take(maxBatch: 2).Snapshots.Count);
        Assert.Equal(Tcs.ToString(), Assert.Single(connection.Take(maxBatch: 2).Snapshots).Instrument);
        Assert.True(connection.Take(maxBatch: 2).IsEmpty);
    }

    [Fact]
    public void Close_DropsQueuedUpdates()
    {
        var connection = NewConnection();
        connection.SetSubscriptions([Reliance], FeedMode.Quote);
        connection.Enqueue(Reliance, Snapshot(Reliance, 1570m));

        Assert.True(connection.Close("The server is shutting down."));
        Assert.False(connection.Close("again"));
        connection.Enqueue(Reliance, Snapshot(Reliance, 1571m));

        var outbound = connection.Take(maxBatch: 100);
        Assert.Equal("The server is shutting down.", outbound.Closing?.Reason);
        Assert.Empty(outbound.Snapshots);
        Assert.Equal(0, connection.Pending);
    }

    [Fact]
    public void Unsubscribe_DropsQueuedSnapshot()
    {
        var connection = NewConnection();
        connection.SetSubscriptions([Reliance, Nifty], FeedMode.Quote);
        connection.Enqueue(Reliance, Snapshot(Reliance, 1570m));
        connection.Enqueue(Nifty, Snapshot(Nifty, 26100m));

        connection.RemoveSubscriptions([Reliance]);

        Assert.Equal(Nifty.ToString(), Assert.Single(connection.Take(maxBatch: 100).Snapshots).Instrument);
    }

    private static PushConnection NewConnection() => new("connection-1", Guid.NewGuid(), "token", new TestCallerContext());

    private static MarketSnapshot Snapshot(InstrumentKey key, decimal ltp) => new()
    {
        Instrument = key.ToString(),
        Segment = ExchangeSegments.ToDhanName(key.Segment),
        SecurityId = key.SecurityId,
        Symbol = "TEST",
        Name = "Test",
        Ltp = ltp,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        AgeMs = 0,
        Stale = false,
        MarketStatus = "Open",
    };

    // A caller context for a connection that no hub is behind.
    private sealed class TestCallerContext : HubCallerContext
    {
        public override string ConnectionId => "connection-1";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }
}
