using Microsoft.Extensions.Time.Testing;
using Tarang.Server.Services;

namespace Tarang.Server.Tests;

/// <summary>The stop contract every background job inherits from <see cref="PeriodicJob"/>.</summary>
public class PeriodicJobTests
{
    [Fact]
    public async Task Stopping_CancelsRunningPassKeepsFinishedWrite()
    {
        using var job = new TwoWriteJob(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(Random.Shared.Next(1, 10_000))));
        await job.StartAsync(CancellationToken.None);
        await job.FirstWriteDone.Task.WaitAsync(FeedTestKit.Patience);
        var runningBefore = job.IsPassRunning;

        await job.StoppingAsync(CancellationToken.None);
        await job.ExecuteTask!.WaitAsync(FeedTestKit.Patience);
        await job.StopAsync(CancellationToken.None);

        Assert.True(runningBefore);
        Assert.False(job.IsPassRunning);
        Assert.True(job.WasPassCancelled);
        Assert.Equal(TaskStatus.RanToCompletion, job.ExecuteTask.Status);
        Assert.Equal(["first"], job.Writes);
        Assert.Empty(job.Failures);
    }

    [Fact]
    public async Task Stop_WithoutRunningPass_ReportsIdle()
    {
        using var job = new TwoWriteJob(new FakeTimeProvider(), runsAtStart: false);
        await job.StartAsync(CancellationToken.None);

        await job.StoppingAsync(CancellationToken.None);
        await job.StopAsync(CancellationToken.None);

        // .NET 10 starts ExecuteAsync with Task.Run on the stopping token, so a job stopped before
        // it began ends Canceled rather than RanToCompletion. Either way it must not fault.
        Assert.False(job.WasPassCancelled);
        Assert.Empty(job.Writes);
        Assert.True(job.ExecuteTask!.IsCompleted);
        Assert.False(job.ExecuteTask.IsFaulted);
    }

    /// <summary>A pass of two writes with a wait between them that only cancellation ends.</summary>
    private sealed class TwoWriteJob(TimeProvider clock, bool runsAtStart = true) : PeriodicJob
    {
        public List<string> Writes { get; } = [];

        public List<Exception> Failures { get; } = [];

        public TaskCompletionSource FirstWriteDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override TimeProvider Clock => clock;

        protected override TimeSpan Interval => TimeSpan.FromHours(1);

        protected override bool RunsAtStart => runsAtStart;

        protected override async Task RunPassAsync(CancellationToken cancellationToken)
        {
            Writes.Add("first");
            FirstWriteDone.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken);
            Writes.Add("second");
        }

        protected override void OnPassFailed(Exception exception) => Failures.Add(exception);
    }
}
